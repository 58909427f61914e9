using DigitalDelivery.Core.Persistence;
using DigitalDelivery.DeliveryWorker.Alerting;
using DigitalDelivery.DeliveryWorker.CustomerAccess;
using DigitalDelivery.DeliveryWorker.DeliveryQueue;
using DigitalDelivery.DeliveryWorker.Engine;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDeliveryDatabase();
builder.AddDeliveryQueue();
builder.AddCustomerAccessDelivery();
builder.AddDeliveryEngine();
builder.AddDeliveryAlerting();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
