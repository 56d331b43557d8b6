using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Territories.Cli;

/// <summary>Where a command writes: standard output, standard error, and whether standard error is a terminal.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal);

/// <summary>The latest progress text of a running job, set from any thread.</summary>
public sealed class ProgressText
{
    private volatile string _text = "";

    public event Action<string>? Changed;

    public string Current => _text;

    public void Set(string text)
    {
        _text = text;
        Changed?.Invoke(text);
    }
}

/// <summary>
/// Progress of a long job on standard error. On a terminal, one line redrawn a few times a second (a Spectre.Console
/// status spinner: elapsed time and the job's latest text), cleared when the job ends; otherwise plain lines, at most one
/// a second, each with the elapsed time. Nothing at all for jobs that end within <c>showAfter</c>.
/// </summary>
public static class LiveProgress
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(1);

    public static async Task<T> RunAsync<T>(CliConsole console, string title, TimeSpan showAfter, Func<ProgressText, Task<T>> work)
    {
        var text = new ProgressText();
        var clock = Stopwatch.StartNew();
        if (!console.ErrorIsTerminal) return await Plain(console.Error, title, showAfter, text, clock, work);
        var job = work(text);
        if (await Task.WhenAny(job, Task.Delay(showAfter)) == job) return await job;
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error), Ansi = AnsiSupport.Detect, Interactive = InteractionSupport.Yes,
        });
        await terminal.Status().Spinner(Spinner.Known.Dots).StartAsync(Line(title, clock, text.Current), async context =>
        {
            while (await Task.WhenAny(job, Task.Delay(Redraw)) != job) context.Status(Line(title, clock, text.Current));
        });
        return await job;
    }

    private static async Task<T> Plain<T>(TextWriter error, string title, TimeSpan showAfter, ProgressText text, Stopwatch clock, Func<ProgressText, Task<T>> work)
    {
        var gate = new object();
        TimeSpan? last = null;
        void Write(string current)
        {
            lock (gate)
            {
                if (clock.Elapsed < showAfter || clock.Elapsed - last < PlainEvery || current.Length == 0) return;
                last = clock.Elapsed;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {title}: {current}"));
            }
        }
        text.Changed += Write;
        var job = work(text);
        if (await Task.WhenAny(job, Task.Delay(showAfter)) != job) Write(text.Current);
        var result = await job;
        text.Changed -= Write;
        return result;
    }

    /// <summary>The redrawn line, escaped: ids and texts may hold Spectre markup brackets.</summary>
    private static string Line(string title, Stopwatch clock, string current) =>
        Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{title} {clock.Elapsed.TotalSeconds:0.0} s  {current}"));
}
