namespace DigitalDelivery.Core.Blobs;

/// <summary>Tuning for <see cref="BlobStore"/>; the defaults suit multi-gigabyte product files.</summary>
public sealed class BlobStoreOptions
{
    /// <summary>Size of each uploaded block, and of the largest blob sent in a single Put Blob. Memory per upload is
    /// about <see cref="BlockSize"/> times <see cref="MaxUploadConcurrency"/>.</summary>
    public int BlockSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Blocks of one upload in flight at once.</summary>
    public int MaxUploadConcurrency { get; set; } = 2;

    /// <summary>Time allowed per attempt until the response headers arrive (an 8 MiB block must fit in it).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries of a request that failed transiently (connection failure, timeout, 408, 429, 5xx).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 64 * 1024, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockSize, 100 * 1024 * 1024, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUploadConcurrency, 1, nameof(MaxUploadConcurrency));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxUploadConcurrency, 16, nameof(MaxUploadConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
    }
}
