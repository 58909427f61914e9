namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>Claimed (go ahead), a replay of the stored answer, or a conflict (same key, different request).</summary>
internal sealed record SandboxIdempotencyClaim(SandboxOutcome? StoredOutcome, bool IsConflict)
{
    public static readonly SandboxIdempotencyClaim Claimed = new(null, false);
    public static readonly SandboxIdempotencyClaim Conflict = new(null, true);

    public static SandboxIdempotencyClaim Replay(SandboxOutcome outcome) => new(outcome, false);
}
