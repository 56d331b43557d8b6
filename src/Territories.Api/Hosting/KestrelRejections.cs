using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Territories.Api.Hosting;

/// <summary>
/// Kestrel refuses some requests while it parses them, before any application code runs (a NUL in the path, a request
/// line or headers over its limits, a header with a control character, a missing <c>Host</c>, a <c>Content-Length</c>
/// that is not a number), and answers those with a status, <c>Connection: close</c> and an empty body. This connection
/// middleware gives such answers the problem-details body every other error has; everything else passes untouched.
/// </summary>
public static class KestrelRejections
{
    /// <summary>Wraps each connection's output on this endpoint (see <see cref="RejectionBodyWriter"/>).</summary>
    public static void UseRejectionProblemDetails(this ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            var transport = connection.Transport;
            connection.Transport = new DuplexPipe(transport.Input, new RejectionBodyWriter(transport.Output));
            return next(connection);
        });

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}

/// <summary>
/// A connection's output as Kestrel writes it, collected in this writer's own buffer and passed on at each flush: a
/// flush that is a bare refusal (a whole response head with a 4xx status, <c>Content-Length: 0</c> and
/// <c>Connection: close</c>) goes out with a problem-details body (<see cref="RejectionResponse"/>); anything else goes
/// out as it came. Memory handed out stays valid across a flush until it is advanced, as a pipe's does (Kestrel relies on it).
/// </summary>
public sealed class RejectionBodyWriter(PipeWriter inner) : PipeWriter
{
    /// <summary>The buffer's size between responses; one grown beyond <see cref="MaxKept"/> by a large write is let go after it passed on.</summary>
    private const int InitialSize = 4096;

    private const int MaxKept = 64 * 1024;

    private byte[] _buffer = new byte[InitialSize];

    /// <summary>Bytes in [_flushed, _written) are advanced but not yet passed on.</summary>
    private int _flushed;

    private int _written;

    /// <summary>Whether memory was handed out and not yet advanced: the buffer may not move back to its start then.</summary>
    private bool _lent;

    public override Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Reserve(sizeHint));

    public override Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Reserve(sizeHint));

    public override void Advance(int bytes)
    {
        _written += bytes;
        _lent = false;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        PassOn();
        return inner.FlushAsync(cancellationToken);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes + _written - _flushed;

    public override void Complete(Exception? exception = null)
    {
        PassOn();
        inner.Complete(exception);
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        PassOn();
        await inner.CompleteAsync(exception);
    }

    /// <summary>Makes room for <paramref name="sizeHint"/> bytes after the written ones; answers where they start.</summary>
    private int Reserve(int sizeHint)
    {
        _lent = true;
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed) return _written;
        var pending = _written - _flushed;
        var grown = new byte[Math.Max(_buffer.Length * 2, pending + needed)];
        _buffer.AsSpan(_flushed, pending).CopyTo(grown);
        (_buffer, _flushed, _written) = (grown, 0, pending);
        return _written;
    }

    private void PassOn()
    {
        var pending = _buffer.AsSpan(_flushed, _written - _flushed);
        if (!pending.IsEmpty) inner.Write(RejectionResponse.WithBody(pending) ?? pending);
        _flushed = _written;
        if (_lent) return;
        _flushed = _written = 0;
        if (_buffer.Length > MaxKept) _buffer = new byte[InitialSize];
    }
}
