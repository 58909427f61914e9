namespace DigitalDelivery.Core.Downloads;

/// <summary>How the Api hands out a file's bytes.</summary>
public enum DownloadServingMode
{
    /// <summary>Through the Api from Blob storage, with a fixed copy buffer.</summary>
    Stream,

    /// <summary>302 to a read-only SAS URL of the one blob that lives <see cref="DownloadOptions.RedirectLifetime"/>.</summary>
    Redirect,
}
