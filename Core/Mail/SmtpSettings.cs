using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DigitalDelivery.Core.Mail;

/// <summary>
/// Where the platform's mail goes (customer mail, email destinations): <c>ConnectionStrings:smtp</c> (<c>smtp://host:port</c>, or the Aspire form
/// <c>Endpoint=smtp://host:port;Username=...;Password=...</c>), overridden field by field by the <c>Smtp</c> section.
/// </summary>
public sealed class SmtpSettings
{
    public const string ConnectionName = "smtp";
    public const string SectionName = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender of the platform's mail.</summary>
    public string From { get; set; } = "DigitalDelivery <no-reply@digitaldelivery.dev>";

    /// <summary>How long one SMTP exchange may take before the message is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public static SmtpSettings Read(IConfiguration configuration)
    {
        var settings = new SmtpSettings();
        if (configuration.GetConnectionString(ConnectionName) is { Length: > 0 } connectionString)
        {
            settings.ApplyConnectionString(connectionString);
        }

        configuration.GetSection(SectionName).Bind(settings);
        return settings;
    }

    private void ApplyConnectionString(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var direct) && direct.Scheme is "smtp" or "smtps")
        {
            ApplyUri(direct);
            return;
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (builder.TryGetValue("Endpoint", out var endpoint) && Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var uri))
        {
            ApplyUri(uri);
        }

        UserName = builder.TryGetValue("Username", out var user) ? user?.ToString() : UserName;
        Password = builder.TryGetValue("Password", out var password) ? password?.ToString() : Password;
    }

    private void ApplyUri(Uri uri)
    {
        Host = uri.Host;
        EnableSsl = uri.Scheme == "smtps";
        Port = uri.IsDefaultPort || uri.Port <= 0 ? (EnableSsl ? 465 : 25) : uri.Port;
        if (uri.UserInfo is { Length: > 0 } userInfo)
        {
            var parts = userInfo.Split(':', 2);
            UserName = Uri.UnescapeDataString(parts[0]);
            Password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
