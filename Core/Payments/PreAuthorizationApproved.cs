namespace DigitalDelivery.Core.Payments;

/// <summary>APPROVED: the amount is held; capture or void it by <paramref name="PreauthId"/>.</summary>
public sealed record PreAuthorizationApproved(string PreauthId) : PreAuthorizationResult;
