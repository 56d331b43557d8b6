using Microsoft.Extensions.Options;
using Territories.Api.Hosting;

namespace Territories.Api.Bodies;

/// <summary>How large a body an endpoint accepts: a whole document (a dataset, a problem, unit shapes) or a small request (a scenario, a quota or hiring request).</summary>
public enum BodySize { Document, Small }

/// <summary>
/// Reads request bodies from the stream, never more than the endpoint's limit: up to
/// <see cref="ServiceSettings.SpoolAboveBytes"/> in memory, beyond that into a temporary file (deleted when closed),
/// so a slow or large upload holds no memory while it arrives. Bodies above that threshold are then handled one at a
/// time (<see cref="EnterLargeAsync"/>), each followed by a collection that returns its memory: four 60 MB uploads at
/// once cost the memory of one, and only while it is handled.
/// </summary>
public sealed class RequestBodies(IOptions<ServiceSettings> options)
{
    private const int ChunkBytes = 81920;
    private readonly ServiceSettings _settings = options.Value;
    private readonly SemaphoreSlim _large = new(1, 1);

    public long LimitOf(BodySize size) => size == BodySize.Document ? _settings.MaxRequestBytes : _settings.MaxSmallRequestBytes;

    /// <summary>The whole body as UTF-8 bytes; over the limit it throws the 413 that <see cref="RequestProblems"/> answers.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, BodySize size, CancellationToken cancel)
    {
        await using var body = await OpenAsync(request, size, cancel);
        if (body is MemoryStream memory) return new ReadOnlyMemory<byte>(memory.GetBuffer(), 0, (int)memory.Length);
        var bytes = new byte[body.Length];
        await body.ReadExactlyAsync(bytes, cancel);
        return bytes;
    }

    /// <summary>
    /// The whole body as a seekable stream to read (and read again) from the start: in memory up to
    /// <see cref="ServiceSettings.SpoolAboveBytes"/>, beyond that a temporary file, deleted when the stream is disposed,
    /// and the large body's turn taken (<see cref="EnterLargeAsync"/>). Over the limit it throws the 413 that
    /// <see cref="RequestProblems"/> answers.
    /// </summary>
    public async Task<Stream> OpenAsync(HttpRequest request, BodySize size, CancellationToken cancel)
    {
        var limit = LimitOf(size);
        if (request.ContentLength > limit) throw TooLarge(limit, size);
        var memory = new MemoryStream((int)Math.Min(request.ContentLength ?? ChunkBytes, _settings.SpoolAboveBytes));
        if (!await CopyAsync(request.Body, memory, _settings.SpoolAboveBytes, cancel))
        {
            memory.Position = 0;
            return memory;
        }
        if (memory.Length >= limit) throw TooLarge(limit, size);
        var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"territories-body-{Guid.NewGuid():N}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, ChunkBytes, FileOptions.DeleteOnClose);
        try
        {
            memory.Position = 0;
            await memory.CopyToAsync(spool, cancel);
            if (await CopyAsync(request.Body, spool, limit, cancel)) throw TooLarge(limit, size);
            await EnterLargeAsync(request.HttpContext, cancel);
            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until no other large body is being handled, and holds that turn until the response is done.</summary>
    public async Task EnterLargeAsync(HttpContext context, CancellationToken cancel)
    {
        await _large.WaitAsync(cancel);
        context.Response.RegisterForDispose(new Turn(_large));
    }

    public bool IsLarge(long bytes) => bytes > _settings.SpoolAboveBytes;

    /// <summary>Copies until the source ends (false) or <paramref name="target"/> holds more than <paramref name="atMost"/> bytes (true).</summary>
    private static async Task<bool> CopyAsync(Stream source, Stream target, long atMost, CancellationToken cancel)
    {
        var buffer = new byte[ChunkBytes];
        int read;
        while ((read = await source.ReadAsync(buffer, cancel)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), cancel);
            if (target.Length > atMost) return true;
        }
        return false;
    }

    private static BadHttpRequestException TooLarge(long limit, BodySize size) => new(
        $"The request body is larger than the {limit:N0} bytes this endpoint accepts (setting Territories:{(size == BodySize.Document ? nameof(ServiceSettings.MaxRequestBytes) : nameof(ServiceSettings.MaxSmallRequestBytes))}).",
        StatusCodes.Status413PayloadTooLarge);

    /// <summary>
    /// A large body's turn. When it ends, the garbage the body left (its bytes, parsed document and copies, hundreds of
    /// MB for a 60 MB dataset) is collected and the memory given back to the system before the next large body starts:
    /// one blocking collection of a small live heap per large body, instead of a process that keeps its peak.
    /// </summary>
    private sealed class Turn(SemaphoreSlim large) : IDisposable
    {
        public void Dispose() => ThreadPool.UnsafeQueueUserWorkItem(static large =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            large.Release();
        }, large, preferLocal: false);
    }
}
