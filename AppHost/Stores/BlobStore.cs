namespace DigitalDelivery.AppHost.Stores;

/// <summary>
/// Blob storage as the mode asks: Azurite as an executable (port 50000, data in .local/azurite), Azurite's container,
/// or in publish mode a connection string azd asks for (Aspire.Hosting.Azure.Storage is not served here): a storage
/// account's Blob service URI (managed identity) or an account connection string.
/// </summary>
public static class BlobStore
{
    public const int LocalPort = 50000;

    public static IResourceBuilder<IResourceWithConnectionString> AddBlobStore(
        this IDistributedApplicationBuilder builder, StoreMode mode, LocalState state, string name)
    {
        switch (mode)
        {
            case StoreMode.Publish:
                return builder.AddConnectionString(name);
            case StoreMode.Containers:
                var container = new AzuriteContainerResource(name);
                return builder.AddResource(container)
                    .WithImage("azure-storage/azurite", "3.35.0").WithImageRegistry("mcr.microsoft.com")
                    .WithArgs("azurite-blob", "--blobHost", "0.0.0.0", "--skipApiVersionCheck", "--loose")
                    .WithEndpoint(port: LocalPort, targetPort: 10000, name: AzuriteContainerResource.EndpointName, scheme: "http")
                    .WithVolume("digitaldelivery-azurite", "/data")
                    .WithHealthCheck(AnswersHealthCheck.Register(builder, name, container.Endpoint, AnswersHealthCheck.Protocol.Http));
        }

        var accountKey = state.SecretParameter(builder, "azurite");
        var command = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "node_modules", ".bin", "azurite-blob"));
        var dataDirectory = state.DataDirectory("azurite");
        var azurite = new AzuriteResource(name, command, dataDirectory, accountKey.Resource);

        return builder.AddResource(azurite)
            .WithEndpoint(port: LocalPort, name: AzuriteResource.EndpointName, scheme: "http")
            .WithEnvironment(context =>
                context.EnvironmentVariables["AZURITE_ACCOUNTS"] = ReferenceExpression.Create($"{AzuriteResource.AccountName}:{accountKey.Resource}"))
            .WithArgs(context =>
            {
                // Telemetry off: this network is closed, and its upload on shutdown only delays stopping.
                context.Args.Add("--location");
                context.Args.Add(dataDirectory);
                context.Args.Add("--blobHost");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--blobPort");
                context.Args.Add(azurite.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--skipApiVersionCheck");
                context.Args.Add("--loose");
                context.Args.Add("--disableTelemetry");
            })
            .WithIconName("Storage")
            .WithHealthCheck(AnswersHealthCheck.Register(builder, name, azurite.Endpoint, AnswersHealthCheck.Protocol.Http));
    }
}
