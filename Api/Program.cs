using DigitalDelivery.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiServices();

var app = builder.Build();

if (await app.RunCommandAsync(args) is { } exitCode)
{
    return exitCode;
}

app.UseApiPipeline();
app.MapDefaultEndpoints();
app.MapApiEndpoints();

await app.RunAsync();
return 0;
