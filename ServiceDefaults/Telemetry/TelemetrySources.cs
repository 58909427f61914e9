namespace DigitalDelivery.ServiceDefaults.Telemetry;

/// <summary>
/// ActivitySource and Meter names subscribed by name, because the OpenTelemetry instrumentation packages
/// cannot be obtained here; ASP.NET Core, HttpClient, the runtime and Npgsql emit these natively.
/// </summary>
public static class TelemetrySources
{
    /// <summary>Prefix of every source and meter the product itself defines.</summary>
    public const string ProductPrefix = "DigitalDelivery";

    public static readonly string[] ActivitySources =
    [
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "Npgsql",
        ProductPrefix + ".*",
    ];

    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
        "Npgsql",
        "Polly",
        ProductPrefix + ".*",
    ];
}
