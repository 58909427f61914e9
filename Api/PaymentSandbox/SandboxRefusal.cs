namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>Why the sandbox said no: a problem "code" (see SandboxWire), and its title and detail.</summary>
internal sealed record SandboxRefusal(string Code, string Title, string Detail);
