using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Worker.Fulfillment;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDeliveryDatabase();
builder.AddFulfillmentQueue();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
