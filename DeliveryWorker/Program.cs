using DigitalDelivery.Core.Persistence;
using DigitalDelivery.DeliveryWorker.CustomerAccess;
using DigitalDelivery.DeliveryWorker.Delivery;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDeliveryDatabase();
builder.AddDeliveryQueue();
builder.AddCustomerAccessDelivery();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
