namespace DigitalDelivery.AppHost.Stores;

/// <summary>How the AppHost provides PostgreSQL, Redis, Blob storage, clamd and the SMTP sink.</summary>
public enum StoreMode
{
    /// <summary>Processes from this machine's packages, data under <c>.local/</c>: no container runtime needed.</summary>
    Executables,

    /// <summary>The standard Aspire containers (Docker or Podman).</summary>
    Containers,

    /// <summary>The publish manifest (azd): containers, or connection strings that the deployment supplies.</summary>
    Publish,
}
