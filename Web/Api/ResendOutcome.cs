namespace DigitalDelivery.Web.Api;

public enum ResendOutcome
{
    Accepted,
    InvalidAddress,
    TooManyRequests,
}
