using System.Globalization;
using System.Threading.RateLimiting;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.Redis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DigitalDelivery.Api.RateLimiting;

public static class RateLimitingSetup
{
    public static IHostApplicationBuilder AddApiRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section);
        builder.AddApiRedis();
        builder.Services.AddSingleton<RateLimiterFactory>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            options.AddPolicy(RateLimitPolicies.TokenPerClient, context => Partition(context, RateLimitPolicies.TokenPerClient, PartitionKeys.ClientOrIp(context)));
            options.AddPolicy(RateLimitPolicies.SignInPerAccount, context => Partition(context, RateLimitPolicies.SignInPerAccount, PartitionKeys.AccountOrIp(context)));
            options.AddPolicy(RateLimitPolicies.PublicPerIp, context => Partition(context, RateLimitPolicies.PublicPerIp, PartitionKeys.Ip(context)));
            options.AddPolicy(RateLimitPolicies.CustomerResend, CustomerResendPartition);
            options.AddPolicy(RateLimitPolicies.WritesPerClient, context =>
                HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : Partition(context, RateLimitPolicies.WritesPerClient, PartitionKeys.ActorOrIp(context)));
        });
        return builder;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string policy, string key)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var factory = context.RequestServices.GetRequiredService<RateLimiterFactory>();
        return RateLimitPartition.Get(key, partitionKey => factory.Create(policy, partitionKey, options.For(policy)));
    }

    /// <summary>
    /// Two fixed windows chained: the client's IP and the address asked for (from the body). Each is counted under its
    /// own Redis key, so the partition (the pair) can be recreated anywhere and still share both counts.
    /// </summary>
    private static RateLimitPartition<string> CustomerResendPartition(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var factory = context.RequestServices.GetRequiredService<RateLimiterFactory>();
        var ip = PartitionKeys.Ip(context);
        var address = PartitionKeys.AddressOrIp(context);
        if (address == ip)
        {
            // No address in the body (the endpoint rejects it with 400): only the IP counts.
            return RateLimitPartition.Get(ip, _ => factory.Create(RateLimitingOptions.ResendPerIpPolicy, ip, options.ResendPerIp));
        }

        return RateLimitPartition.Get($"{ip}|{address}", _ => RateLimiter.CreateChained(
            factory.Create(RateLimitingOptions.ResendPerIpPolicy, ip, options.ResendPerIp),
            factory.Create(RateLimitPolicies.CustomerResend, address, options.ResendPerAddress)));
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero
            ? wait
            : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.RateLimited,
                Detail = $"Too many requests; retry after {seconds} seconds.",
            },
        });
    }
}
