using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Core.Catalog.Products;

namespace DigitalDelivery.Api.Catalog.Products;

internal static class ProductValidation
{
    public static Validation Validate(ProductRequest request, bool partial)
    {
        var v = new Validation();
        if (request.Sku is not null || !partial)
        {
            v.Require(Skus.IsValid(request.Sku), "sku",
                $"sku is required: 1 to {Skus.MaxLength} letters, digits, '.', '_' or '-', starting and ending with a letter or digit.");
        }

        if (request.Name is not null || !partial)
        {
            v.Require(request.Name is { Length: <= 200 } name && !string.IsNullOrWhiteSpace(name), "name", "name is required, at most 200 characters.");
        }

        v.Require(request.Description is null or { Length: <= 4000 }, "description", "description may be at most 4000 characters.");
        if (request.Type is not null || !partial)
        {
            v.Require(ProductTypes.All.Contains(request.Type), "type", $"type must be one of {string.Join(", ", ProductTypes.All)}.");
        }

        if (request.PriceMinor is not null || !partial)
        {
            v.Require(request.PriceMinor is >= 0, "price_minor", "price_minor is required: the price in the currency's minor units, 0 or more.");
        }

        if (request.Currency is not null || !partial)
        {
            v.Require(Iso4217.IsKnown(request.Currency), "currency", "currency must be an ISO 4217 code of a circulating currency, e.g. EUR or USD.");
        }

        v.Require(request.Status is null || ProductStatuses.All.Contains(request.Status), "status", $"status must be one of {string.Join(", ", ProductStatuses.All)}.");
        v.Require(request.StockLimit is null or >= 0, "stock_limit", "stock_limit must be 0 or more, or null for unlimited.");
        v.Require(request.AssetUpdatePolicy is null || AssetUpdatePolicies.All.Contains(request.AssetUpdatePolicy), "asset_update_policy",
            $"asset_update_policy must be one of {string.Join(", ", AssetUpdatePolicies.All)}.");
        return v;
    }
}
