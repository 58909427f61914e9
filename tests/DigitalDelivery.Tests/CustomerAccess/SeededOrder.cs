namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>An order made straight in the database with one download entitlement (and maybe a license key).</summary>
public sealed record SeededOrder(Guid OrganizationId, Guid OrderId, Guid AccessId, string Email, string FileName, string? LicenseKey);
