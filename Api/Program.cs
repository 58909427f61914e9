using DigitalDelivery.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiServices();

var app = builder.Build();

if (ApiCommands.IsMigrate(args))
{
    return await app.MigrateDatabaseAsync();
}

app.UseApiPipeline();
app.MapDefaultEndpoints();
app.MapApiEndpoints();

await app.RunAsync();
return 0;
