namespace DigitalDelivery.Core.Payments;

/// <summary>DECLINED: nothing is held. The processor still gives the attempt an id, for support and audit.</summary>
public sealed record PreAuthorizationDeclined(DeclineReason Reason, string PreauthId) : PreAuthorizationResult;
