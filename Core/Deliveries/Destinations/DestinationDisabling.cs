namespace DigitalDelivery.Core.Deliveries.Destinations;

/// <summary>
/// Who stops a destination: an operator (by subject), or health monitoring after continuous failure. The caller
/// bumps the destination's version and time of change with whatever else it changes in the same save.
/// </summary>
public static class DestinationDisabling
{
    public const string Automatic = "automatic";

    public static void Disable(Destination destination, string by, string reason, DateTimeOffset now)
    {
        destination.Enabled = false;
        destination.DisabledAt = now;
        destination.DisabledBy = by;
        destination.DisabledReason = reason;
    }

    /// <summary>A fresh start: the run of failures that may have disabled it no longer counts towards disabling it again.</summary>
    public static void Enable(Destination destination)
    {
        destination.Enabled = true;
        destination.DisabledAt = null;
        destination.DisabledBy = null;
        destination.DisabledReason = null;
        destination.FailingSince = null;
    }
}
