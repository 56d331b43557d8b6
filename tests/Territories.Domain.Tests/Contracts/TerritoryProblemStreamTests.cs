using System.Text;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Samples;

namespace Territories.Domain.Tests.Contracts;

/// <summary>
/// The streaming reader (everything but the accounts first, then the accounts a batch at a time from a 64 KB buffer)
/// reads what the whole-document reader reads, and refuses what it refuses with the same paths and messages.
/// </summary>
public sealed class TerritoryProblemStreamTests
{
    /// <summary>A seeded book of about 1 MB: many refills of the reader's buffer.</summary>
    private static readonly string Book = TerritoryProblemWriter.Write(SyntheticBook.Generate(new SyntheticBookSettings(2000, 12, Seed: 5)));

    private const string WithVisitPolicy = """
        { "accounts": [ { "id": "a1", "location": { "lat": 0, "lon": 0 }, "tier": "A" },
                        { "id": "c1", "location": { "lat": 0, "lon": 0 }, "tier": "C", "workload": 5 } ],
          "reps": [ { "id": "near", "home": { "lat": 0, "lon": 0 }, "capacity": 2000 }, { "id": "far", "home": { "lat": 0, "lon": 1 }, "capacity": 2000 } ],
          "pairs": [ { "accountId": "c1", "repId": "far", "cost": 7 } ],
          "visitPolicy": { "tiers": { "A": { "visitsPerMonth": 2, "minutes": 60 }, "C": { "visitsPerQuarter": 1, "minutes": 30 } } } }
        """;

    private const string Grid = """
        { "name": "grid", "reps": [ { "id": "r0", "capacity": 40 } ], "units": [ { "id": "u1", "neighbors": ["u2"] }, { "id": "u2", "neighbors": ["u1"] } ],
          "orgUnits": [ { "id": "west", "name": "West" } ],
          "accounts": [ { "id": "a1", "workload": 10, "unitId": "u1" }, { "id": "a2", "workload": 10, "unitId": "u2", "segment": "smb" } ],
          "options": { "contiguity": true, "timeLimitSeconds": 3 } }
        """;

    public static TheoryData<string> Valid => new() { Book, WithVisitPolicy, Grid, """{ "reps": [ { "id": "r", "capacity": 1 } ], "accounts": [] }""" };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Stream_ReadsWhatTheWholeDocumentReaderReads(string json)
    {
        var (problem, errors) = Streamed(Encoding.UTF8.GetBytes(json));

        Assert.Empty(errors);
        Assert.Equal(TerritoryProblemWriter.WriteCompact(TerritoryProblemReader.Read(json)), TerritoryProblemWriter.WriteCompact(problem!));
    }

    public static TheoryData<string> Invalid => new()
    {
        """[1, 2]""",
        """{ "reps": [ { "id": "r", "capacity": 1 } ] }""",
        """{ "reps": [ { "id": "r", "capacity": 1 } ], "accounts": { "id": "a" } }""",
        """{ "reps": [], "accounts": [ { "id": "a", "workload": "x" } ], "colour": "red" }""",
        """{ "reps": [ { "id": "r", "capacity": 1 } ], "accounts": [ { "id": "a", "workload": 1, "lockedRepId": "q" }, { "id": "a", "workload": 1 }, 7 ], "pairs": [ { "accountId": "zz", "repId": "r" } ] }""",
        """{ "reps": [ { "id": "r", "capacity": 1 } ], "accounts": [ { "id": "a" } ], "options": { "weights": { "travel": 1 } } }""",
        """{ "reps": [ { "id": "r", "capacity": 1 } ], "accounts": [ { "id": "a", "workload": 1 }, ] }""",
        """{ "reps": [ { "id": "r", "capacity": 1 } ], "accounts": [ { "id": "a", "workload": 1 } ] } trailing""",
        """{ "reps": [ { "id": "r", "capacity": 1 } ], "accounts": [ { "id": "a", "workload": 1 }""",
        Book.Replace("\"id\": \"a01999\"", "\"id\": \"a00001\"", StringComparison.Ordinal).Replace("\"workload\": ", "\"workload\": -", StringComparison.Ordinal),
        Book[..^300],
        Book.Replace("\"id\": \"a01500\"", "\"id\": \"a01500\",, ", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Stream_RefusesWhatTheWholeDocumentReaderRefuses_WithTheSamePathsAndMessages(string json)
    {
        var whole = Assert.Throws<InvalidInputException>(() => ContractJson.Read(Encoding.UTF8.GetBytes(json), TerritoryProblemReader.Read)).Errors;
        var (problem, streamed) = Streamed(Encoding.UTF8.GetBytes(json));

        Assert.Null(problem);
        Assert.Equal(Sorted(whole), Sorted(streamed));
    }

    [Fact]
    public void Stream_ChecksUtf8AcrossTheBuffersEdges_AndRefusesBytesThatAreNot()
    {
        var accented = Book.Replace("Account ", "Compte é", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(accented);
        var broken = (byte[])bytes.Clone();
        broken[Array.LastIndexOf(broken, (byte)0xC3)] = 0xFF;

        Assert.Empty(Streamed(bytes).Errors);
        Assert.Equal([ContractJson.NotUtf8], Streamed(broken).Errors);
    }

    [Fact]
    public void Stream_GivesNoBatchAfterAnInvalidAccount_AndThrowsEveryErrorAtTheEnd()
    {
        var json = Book.Replace("\"id\": \"a01234\"", "\"id\": 1234", StringComparison.Ordinal);
        var stream = TerritoryProblemStream.Open(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var given = 0;

        var thrown = Assert.Throws<InvalidInputException>(() =>
        {
            foreach (var batch in stream.Accounts(100)) given += batch.Count;
        });

        Assert.Equal(1200, given);
        Assert.Equal(["accounts[1233].id"], thrown.Errors.Select(e => e.Path));
    }

    private static (TerritoryProblem? Problem, IReadOnlyList<InputError> Errors) Streamed(byte[] json)
    {
        try
        {
            var stream = TerritoryProblemStream.Open(new MemoryStream(json));
            var accounts = stream.Accounts(100).SelectMany(batch => batch).ToList();
            return (stream.Frame!.Problem(accounts), []);
        }
        catch (InvalidInputException e)
        {
            return (null, e.Errors);
        }
    }

    private static List<string> Sorted(IEnumerable<InputError> errors) => errors.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();
}
