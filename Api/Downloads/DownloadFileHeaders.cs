using DigitalDelivery.Core.Downloads;
using Microsoft.Net.Http.Headers;

namespace DigitalDelivery.Api.Downloads;

/// <summary>The validators and naming headers of a served file, built with ASP.NET Core's header types.</summary>
internal static class DownloadFileHeaders
{
    /// <summary>A strong ETag from the file's SHA-256: equal bytes, equal tag, whichever blob holds them.</summary>
    public static EntityTagHeaderValue ETag(GrantedFile file) => new($"\"{file.Sha256}\"");

    /// <summary>attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded (RFC 6266).</summary>
    public static string ContentDisposition(GrantedFile file)
    {
        var value = new ContentDispositionHeaderValue("attachment");
        value.SetHttpFileName(file.FileName);
        return value.ToString();
    }

    /// <summary>Headers every answer of the endpoint carries, errors included: nothing about a download may be cached.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "private, no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    public static void Describe(HttpResponse response, GrantedFile file, EntityTagHeaderValue eTag)
    {
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = eTag.ToString();
        response.Headers.ContentDisposition = ContentDisposition(file);
    }
}
