using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Territories.Api.Hosting;

/// <summary>
/// Kestrel refuses some requests while it parses them, before any application code runs (a NUL in the path, a request
/// line or headers over its limits, a missing <c>Host</c>, a <c>Content-Length</c> that is not a number), and answers
/// those with a status, <c>Connection: close</c> and an empty body. This connection middleware gives such answers the
/// problem-details body every other error has: Kestrel writes each connection's output into a pipe of its own, and a
/// pump passes what Kestrel flushed on to the socket, rewriting a flush that is exactly a bare refusal
/// (<see cref="RejectionResponse"/>); everything else passes as it came.
/// </summary>
public static class KestrelRejections
{
    /// <summary>A bare refusal is a few hundred bytes; larger flushes are passed on without looking at them.</summary>
    private const int MaxRefusalBytes = 16 * 1024;

    public static void UseRejectionProblemDetails(this ListenOptions listen) =>
        listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            var output = new Pipe(new PipeOptions(useSynchronizationContext: false));
            connection.Transport = new DuplexPipe(transport.Input, output.Writer);
            var pump = PumpAsync(output.Reader, transport.Output);
            try
            {
                await next(connection);
            }
            finally
            {
                await output.Writer.CompleteAsync();
                await pump;
                connection.Transport = transport;
            }
        });

    private static async Task PumpAsync(PipeReader flushed, PipeWriter socket)
    {
        try
        {
            while (true)
            {
                var read = await flushed.ReadAsync();
                var buffer = read.Buffer;
                if (!buffer.IsEmpty)
                {
                    var answered = buffer.Length <= MaxRefusalBytes ? RejectionResponse.WithBody(buffer.ToArray()) : null;
                    if (answered is not null) socket.Write(answered);
                    else foreach (var segment in buffer) socket.Write(segment.Span);
                }
                flushed.AdvanceTo(buffer.End);
                var sent = buffer.IsEmpty ? default : await socket.FlushAsync();
                if (read.IsCompleted || read.IsCanceled || sent.IsCompleted) break;
            }
        }
        finally
        {
            await flushed.CompleteAsync();
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
