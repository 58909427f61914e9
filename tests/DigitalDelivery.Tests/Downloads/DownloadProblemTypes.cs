extern alias api;

using Types = api::DigitalDelivery.Api.Problems.ProblemTypes;

namespace DigitalDelivery.Tests.Downloads;

/// <summary>The Api's download problem types, under short names for the tests.</summary>
internal static class DownloadProblemTypes
{
    public const string InvalidToken = Types.InvalidDownloadToken;
    public const string UnknownToken = Types.UnknownDownloadToken;
    public const string Revoked = Types.DownloadRevoked;
    public const string Expired = Types.DownloadExpired;
    public const string LimitReached = Types.DownloadLimitReached;
    public const string FileUnavailable = Types.DownloadFileUnavailable;
    public const string RangeNotSatisfiable = Types.RangeNotSatisfiable;
    public const string RateLimited = Types.RateLimited;
}
