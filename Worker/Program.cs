using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Worker.Fulfillment;
using DigitalDelivery.Worker.Orders;
using DigitalDelivery.Worker.Scanning;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDeliveryDatabase();
builder.AddFulfillmentQueue();
builder.AddFileScanning();
builder.AddOrderHandlers();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
