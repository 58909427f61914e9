using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Worker.Fulfillment;
using DigitalDelivery.Worker.Scanning;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDeliveryDatabase();
builder.AddFulfillmentQueue();
builder.AddFileScanning();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
