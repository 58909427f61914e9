// The DigitalDelivery application model: what runs, what it needs, and in which order it may start.
// The stores come from Stores/: executables on a machine without a container runtime, containers where one runs,
// connection strings or containers in the publish manifest (azd).

using DigitalDelivery.AppHost.FirstRun;
using DigitalDelivery.AppHost.Stores;

var builder = DistributedApplication.CreateBuilder(args);
var mode = StoreSelection.Resolve(builder);
var state = LocalState.From(builder);

var database = builder.AddPostgresStore(mode, state, "postgres", "deliverydb");
var cache = builder.AddRedisStore(mode, state, "cache");
var blobs = builder.AddBlobStore(mode, state, "blobs");
var clamav = builder.AddClamAvStore(mode, state, "clamav");
var smtp = builder.AddSmtpSink(mode, state, "smtp");

// Signs the sandbox card processor's webhooks (docs/payments.md): kept with the local secrets, asked for by azd.
var paymentsWebhookSecret = mode == StoreMode.Publish
    ? builder.AddParameter("payments-webhook-secret", secret: true)
    : builder.AddParameter("payments-webhook-secret", () => "whsec_" + state.Secret("payments-webhook"), secret: true);

// The Api binary applies migrations and exits when started with "migrate"; everything that touches the database
// waits for it to complete, so no service ever races another over the schema.
var migrations = builder.AddProject<Projects.Api>("migrations", options => options.ExcludeLaunchProfile = true)
    .WithArgs("migrate")
    .WithReference(database).WaitFor(database);

// First run only: the first organization, its owner and an API client (printed once, kept in .local/secrets).
var seed = builder.AddFirstRunSeed(state, migrations, database);


// Destinations reach loopback and private addresses only in local runs (the peers a developer tries them with
// listen on this machine); a published deployment keeps merchants' URLs and hosts off our own network.
var destinationsMayReachPrivateNetworks = builder.ExecutionContext.IsRunMode ? "true" : "false";

// Each service's port and environment come from its launch profile (Properties/launchSettings.json): the ports
// README lists, the same under `dotnet run --project Api` alone.
var api = builder.AddProject<Projects.Api>("api")
    .WithReference(database).WaitFor(database)
    .WithReference(cache).WaitFor(cache)
    .WithReference(blobs).WaitFor(blobs)
    .WithReference(smtp)
    .WaitForCompletion(migrations)
    .WaitForCompletion(seed)
    .WithEnvironment("Deliveries__Network__AllowPrivateNetworks", destinationsMayReachPrivateNetworks)
    .WithEnvironment("Payments__Sandbox__Enabled", "true")
    .WithEnvironment("Payments__Sandbox__WebhookSecret", paymentsWebhookSecret)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// The sandbox processor runs inside the Api, so the Api's own payment client calls the Api.
api.WithEnvironment("Payments__Provider__BaseAddress", api.GetEndpoint("http"));

builder.AddProject<Projects.Worker>("worker")
    .WithReference(database).WaitFor(database)
    .WithReference(blobs).WaitFor(blobs)
    .WithReference(clamav).WaitFor(clamav)
    .WithReference(api)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health");

// Web keeps its sign-in cookie keys (ASP.NET Core Data Protection) in the database, shared by all replicas.
var web = builder.AddProject<Projects.Web>("web")
    .WithReference(database).WaitFor(database)
    .WaitForCompletion(migrations)
    .WithReference(api).WaitFor(api)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.DeliveryWorker>("deliveryworker")
    .WithReference(database).WaitFor(database)
    .WithReference(blobs).WaitFor(blobs)
    .WithReference(smtp).WaitFor(smtp)
    .WithReference(api)
    .WithEnvironment("CustomerPortal__BaseUrl", web.GetEndpoint("http"))
    .WithEnvironment("Deliveries__Links__BaseUrl", api.GetEndpoint("http"))
    .WithEnvironment("Deliveries__Network__AllowPrivateNetworks", destinationsMayReachPrivateNetworks)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health");

builder.AddRunSummary(state, api, web);

builder.Build().Run();
