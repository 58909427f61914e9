namespace DigitalDelivery.Api.OpenApi;

/// <summary>
/// The error statuses a handler answers beyond those every operation documents (400, 401, 403, 404, 429), put on
/// the handler method so the list sits beside the code that returns them. Each becomes a problem+json response in
/// the OpenAPI document.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProblemResponsesAttribute(params int[] statusCodes) : Attribute
{
    public IReadOnlyList<int> Statuses { get; } = statusCodes;
}
