using DigitalDelivery.Core.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDeliveryDatabase();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
