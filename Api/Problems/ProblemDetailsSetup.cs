using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace DigitalDelivery.Api.Problems;

/// <summary>Every error the Api writes goes through IProblemDetailsService, and this gives it a catalogued type.</summary>
public static class ProblemDetailsSetup
{
    /// <summary>Bodies larger than this answer 413 unless an endpoint declares its own limit (RequestSizeLimit metadata).</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        services.AddExceptionHandler<InvalidTextExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new PolicyCheckedStringConverter()));

        // Malformed JSON and wrong content types surface as BadHttpRequestException in every environment,
        // so BadRequestExceptionHandler answers them the same way everywhere.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem is HttpValidationProblemDetails)
        {
            problem.Type = ProblemTypes.Validation;
            problem.Title = "The request is not valid.";
        }
        else if (problem.Type is null || !problem.Type.StartsWith("https://digitaldelivery.dev/", StringComparison.Ordinal))
        {
            (problem.Type, var title) = ProblemTypes.ForStatus(status);
            if (problem.Title is null || status >= 500 || problem.Title.StartsWith("One or more", StringComparison.Ordinal) || IsDefaultTitle(problem.Title))
            {
                problem.Title = title;
            }
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString()
            ?? context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.TraceId.ToString()
            ?? context.HttpContext.TraceIdentifier;
    }

    // The framework's generic titles ("Bad Request", "Not Found") carry nothing the catalogue's titles don't.
    private static bool IsDefaultTitle(string title) =>
        title is "Bad Request" or "Unauthorized" or "Forbidden" or "Not Found" or "Method Not Allowed" or "Conflict"
            or "Payload Too Large" or "Content Too Large" or "Unsupported Media Type" or "Too Many Requests"
            or "Unprocessable Entity" or "Service Unavailable" or "Precondition Failed" or "Precondition Required";
}
