// The DigitalDelivery application model: what runs, what it needs, and in which order it may start.
// scripts/run.sh mirrors this graph on machines without a container runtime; keep the two in step.

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres").WithDataVolume();
var database = postgres.AddDatabase("deliverydb");

var cache = builder.AddRedis("cache");

var storage = builder.AddAzureStorage("storage").RunAsEmulator();
var blobs = storage.AddBlobs("blobs");

// Virus scanning of uploads: clamd's official image, which runs freshclam itself (docs/operations/virus-scanning.md).
var clamav = builder.AddContainer("clamav", "clamav/clamav", "stable")
    .WithEndpoint(targetPort: 3310, name: "clamd", scheme: "tcp");

// Customer mail (docs/customer-access.md): MailDev catches it in development (web UI on its "http" endpoint); a
// deployment points ConnectionStrings__smtp at a real relay instead.
var smtp = builder.AddContainer("smtp", "maildev/maildev", "2.2.1")
    .WithEndpoint(targetPort: 1025, name: "smtp", scheme: "smtp")
    .WithHttpEndpoint(targetPort: 1080, name: "http");

// Signs the sandbox card processor's webhooks (docs/payments.md); `azd up` asks for it once and keeps it.
var paymentsWebhookSecret = builder.AddParameter("payments-webhook-secret", secret: true);

// The Api binary applies migrations and exits when started with "migrate"; everything that touches the
// database waits for it to complete, so no service ever races another over the schema.
var migrations = builder.AddProject<Projects.Api>("migrations")
    .WithArgs("migrate")
    .WithReference(database)
    .WaitFor(database);

var api = builder.AddProject<Projects.Api>("api")
    .WithReference(database).WaitFor(database)
    .WithReference(cache).WaitFor(cache)
    .WithReference(blobs).WaitFor(blobs)
    .WaitForCompletion(migrations)
    .WithEnvironment("Payments__Sandbox__Enabled", "true")
    .WithEnvironment("Payments__Sandbox__WebhookSecret", paymentsWebhookSecret)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// The sandbox processor runs inside the Api, so the Api's own payment client calls the Api.
api.WithEnvironment("Payments__Provider__BaseAddress", api.GetEndpoint("http"));

builder.AddProject<Projects.Worker>("worker")
    .WithReference(database).WaitFor(database)
    .WithReference(blobs).WaitFor(blobs)
    .WithEnvironment("ConnectionStrings__clamav", clamav.GetEndpoint("clamd")).WaitFor(clamav)
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
    .WithReference(api)
    .WithEnvironment("ConnectionStrings__smtp", smtp.GetEndpoint("smtp")).WaitFor(smtp)
    .WithEnvironment("CustomerPortal__BaseUrl", web.GetEndpoint("http"))
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
