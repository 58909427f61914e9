using DigitalDelivery.Core.Catalog.Downloads;
using DigitalDelivery.Core.Entitlements;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>An entitlement with its asset's name, the file it would serve now (null if none is Clean) and its state.</summary>
public sealed record EntitlementView(DownloadAccess Access, string AssetName, ServableFile? File, string State);
