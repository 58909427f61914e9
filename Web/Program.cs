using DigitalDelivery.Web.Api;
using DigitalDelivery.Web.Components;
using DigitalDelivery.Web.CustomerAccess;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAdminPortal();
builder.AddCustomerPortal();

var app = builder.Build();

app.UseAdminPortal();
app.MapDefaultEndpoints();
app.MapCustomerPortal();
app.MapRazorComponents<App>();

await app.RunAsync();
