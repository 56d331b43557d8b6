using System.Globalization;
using System.Runtime.InteropServices;

namespace Territories.Planning;

/// <summary>How a HiGHS run ended: its model status, the objective of its best solution (null without one) and how many
/// improving solutions it reported.</summary>
internal sealed record HighsOutcome(string Status, double? Objective, int Improving);

/// <summary>
/// The one way the engine runs HiGHS's MIP solver: a model in MPS form, a wall-clock limit, one call per improving
/// solution (its values in the order of the columns the caller names), and cancellation. HiGHS is the library the
/// OR-Tools runtime package ships (libhighs), called through its C API: OR-Tools' own linear-solver interface to it
/// drops HiGHS's best solution when the time limit ends the solve (it reports status 99 and no values; or-tools issues
/// 5016 and 5372), and every run here ends at its time limit. One thread, no output: the CLI's standard output is the
/// plan's.
/// </summary>
internal static class HighsMip
{
    /// <summary>True where the HiGHS library loads (the OR-Tools runtime for linux-x64 ships it); elsewhere nothing calls it.</summary>
    public static bool IsAvailable { get; } = NativeLibrary.TryLoad(Native.Library, typeof(HighsMip).Assembly, null, out _);

    /// <param name="mps">The model, with every column the caller reads named in it.</param>
    /// <param name="columns">The names of the columns whose values <paramref name="onImproving"/> receives, in that order.</param>
    public static HighsOutcome Run(string mps, IReadOnlyList<string> columns, TimeSpan limit, Action<double[]> onImproving, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested) return new HighsOutcome("interrupted", null, 0);
        var file = Path.Combine(Path.GetTempPath(), $"territories-{Guid.NewGuid():N}.mps");
        var highs = Native.Highs_create();
        try
        {
            File.WriteAllText(file, mps);
            Native.Highs_setBoolOptionValue(highs, "output_flag", 0);
            Native.Highs_setIntOptionValue(highs, "threads", 1);
            Native.Highs_setDoubleOptionValue(highs, "time_limit", Math.Max(0.01, limit.TotalSeconds));
            if (Native.Highs_readModel(highs, file) == Native.Error) throw new InvalidOperationException("HiGHS could not read the model");
            var index = columns.Select(name => Native.Highs_getColByName(highs, name, out var i) == Native.Ok ? i : throw new ArgumentException($"no column {name}", nameof(columns))).ToArray();
            var count = Native.Highs_getNumCol(highs);
            var improving = 0;
            Native.Callback callback = (type, _, dataOut, dataIn, _) =>
            {
                if (type == Native.CallbackMipInterrupt && cancel.IsCancellationRequested) Marshal.WriteInt32(dataIn, 0, 1);
                if (type != Native.CallbackMipImprovingSolution) return;
                var solution = Native.Highs_getCallbackDataOutItem(dataOut, "mip_solution");
                if (solution == IntPtr.Zero) return;
                var values = new double[count];
                Marshal.Copy(solution, values, 0, count);
                improving++;
                onImproving(index.Select(i => values[i]).ToArray());
            };
            Native.Highs_setCallback(highs, callback, IntPtr.Zero);
            Native.Highs_startCallback(highs, Native.CallbackMipImprovingSolution);
            Native.Highs_startCallback(highs, Native.CallbackMipInterrupt);
            Native.Highs_run(highs);
            GC.KeepAlive(callback);
            var status = Native.Highs_getModelStatus(highs);
            return new HighsOutcome(StatusName(status), improving > 0 ? Native.Highs_getObjectiveValue(highs) : null, improving);
        }
        finally
        {
            Native.Highs_destroy(highs);
            File.Delete(file);
        }
    }

    private static string StatusName(int status) => status switch
    {
        7 => "optimal",
        8 => "infeasible",
        13 => "time limit",
        17 => "interrupted",
        _ => "status " + status.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The part of HiGHS's C API (highs_c_api.h, HiGHS 1.12) the engine calls.</summary>
    private static class Native
    {
        public const string Library = "libhighs.so.1";
        public const int Ok = 0;
        public const int Error = -1;
        public const int CallbackMipImprovingSolution = 4;
        public const int CallbackMipInterrupt = 6;

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        public delegate void Callback(int type, IntPtr message, IntPtr dataOut, IntPtr dataIn, IntPtr userData);

        [DllImport(Library)] public static extern IntPtr Highs_create();
        [DllImport(Library)] public static extern void Highs_destroy(IntPtr highs);
        [DllImport(Library)] public static extern int Highs_readModel(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string file);
        [DllImport(Library)] public static extern int Highs_getNumCol(IntPtr highs);
        [DllImport(Library)] public static extern int Highs_getColByName(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, out int column);
        [DllImport(Library)] public static extern int Highs_setBoolOptionValue(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string option, int value);
        [DllImport(Library)] public static extern int Highs_setIntOptionValue(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string option, int value);
        [DllImport(Library)] public static extern int Highs_setDoubleOptionValue(IntPtr highs, [MarshalAs(UnmanagedType.LPUTF8Str)] string option, double value);
        [DllImport(Library)] public static extern int Highs_setCallback(IntPtr highs, Callback callback, IntPtr userData);
        [DllImport(Library)] public static extern int Highs_startCallback(IntPtr highs, int type);
        [DllImport(Library)] public static extern IntPtr Highs_getCallbackDataOutItem(IntPtr dataOut, [MarshalAs(UnmanagedType.LPUTF8Str)] string item);
        [DllImport(Library)] public static extern int Highs_run(IntPtr highs);
        [DllImport(Library)] public static extern int Highs_getModelStatus(IntPtr highs);
        [DllImport(Library)] public static extern double Highs_getObjectiveValue(IntPtr highs);
    }
}
