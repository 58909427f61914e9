using System.Net;
using System.Net.Sockets;

namespace DigitalDelivery.LocalServers;

/// <summary>Asks the kernel for a loopback port nobody is listening on.</summary>
public static class FreePort
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts TCP connections on the port, or the timeout passes.</summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool>? gaveUp = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (gaveUp?.Invoke() == true)
            {
                return false;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(PollInterval);
            }
        }

        return false;
    }
}
