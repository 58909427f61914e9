namespace DigitalDelivery.Tests.Redis;

/// <summary>Waits for a condition to hold, checking every few milliseconds, and fails the test when it does not in time.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> attempt, Func<T, bool> isDone, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        Exception? lastError = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                var value = await attempt();
                if (isDone(value))
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                lastError = ex;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Timed out after {timeout} waiting until {what}.", lastError);
    }
}
