using System.Net.Sockets;
using System.Text;

namespace Territories.Tests.Shared;

/// <summary>
/// Requests written byte by byte on a TCP connection to a service on Kestrel, so nothing tidies them up on the way (a
/// client library refuses to send most of them): the first answer's status and body, and everything the server sent
/// until it closed the connection (a request that does not end in a refusal should say <c>Connection: close</c>).
/// Used by the API tests and the load test.
/// </summary>
internal static class RawSocket
{
    public static async Task<(int Status, string Body, string Raw)> SendAsync(Uri address, string request, TimeSpan deadline)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        }
        catch (IOException)
        {
            // The server may answer and close before it read everything; its answer is still there to read.
        }
        using var timeout = new CancellationTokenSource(deadline);
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // A reset after the answer, or a server still silent at the deadline: what arrived is kept.
        }
        var raw = Encoding.UTF8.GetString(received.ToArray());
        var status = raw.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(raw.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var headEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, headEnd < 0 ? "" : raw[(headEnd + 4)..], raw);
    }
}
