using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Worker.Fulfillment;
using DigitalDelivery.Worker.Orders;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDeliveryDatabase();
builder.AddFulfillmentQueue();
builder.AddOrderHandlers();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
