using DigitalDelivery.Core.Persistence;
using DigitalDelivery.DeliveryWorker.Delivery;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDeliveryDatabase();
builder.AddDeliveryQueue();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
