using System.Collections.Concurrent;

namespace DigitalDelivery.Tests.Operations;

/// <summary>
/// Shared by the tests and the probe handlers: every message fails (and, with one attempt allowed, becomes a dead
/// letter) until the test heals its email; then a replayed message succeeds and is recorded.
/// </summary>
public sealed class FailingProbe
{
    private readonly ConcurrentDictionary<string, bool> _healed = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Handled { get; } = new();

    public void Heal(params string[] emails)
    {
        foreach (var email in emails)
        {
            _healed[email] = true;
        }
    }

    public void Handle(string email)
    {
        if (!_healed.ContainsKey(email))
        {
            throw new InvalidOperationException("The probe fails until the test heals it.");
        }

        Handled.Enqueue(email);
    }
}
