using System.Diagnostics;
using System.Text;

namespace ActRun.Core.Tests.TestUtilities;

/// <summary>
/// Seeded fuzzing: random bytes and mutations of valid inputs. A suite runs its cases in a fixed order from a
/// fixed seed and stops at a case count or a time budget, whichever comes first, so a slow machine runs fewer
/// cases but never different ones (the time only bounds the work; nothing asserts on it).
/// </summary>
public static class Fuzz
{
    /// <summary>
    /// Per suite: a few seconds, so all suites together stay well within a CI run. ACTRUN_FUZZ_SECONDS and
    /// ACTRUN_FUZZ_SEED (added to each suite's seed) let a long local session explore further.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("ACTRUN_FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 4);

    private static readonly int SeedOffset = int.TryParse(Environment.GetEnvironmentVariable("ACTRUN_FUZZ_SEED"), out int offset) ? offset : 0;

    /// <summary>Runs <paramref name="body"/> for case 0, 1, … with a generator seeded by the suite's seed and the case.</summary>
    public static int Cases(int seed, int maxCases, Action<Random, int> body)
    {
        var clock = Stopwatch.StartNew();
        int done = 0;
        for (; done < maxCases && (done < 20 || clock.Elapsed < Budget); done++)
            // Not HashCode.Combine: it is salted per process, and a failing case must come back on the next run.
            body(new Random(unchecked((seed + SeedOffset) * 1_000_003 + done)), done);
        return done;
    }

    /// <summary>
    /// Calls <paramref name="parse"/>; success and the typed errors meant for people pass, any other exception
    /// fails with the input that caused it. True when the input was accepted.
    /// </summary>
    public static bool ExpectTypedOutcome(string what, string input, Action parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (ActRunException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), $"{what}: empty message for input {Show(input)}");
            Assert.False(e.Message.TrimEnd().Contains('\n') && !input.Contains('\n'), $"{what}: a message of several lines: {Show(e.Message)}");
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}\ninput: {Show(input)}\n{e}");
        }
        return false;
    }

    /// <summary>The input as a C# literal, to paste into a regression test.</summary>
    public static string Show(string input)
    {
        var text = new StringBuilder("\"");
        foreach (char c in input.Length > 400 ? input[..400] : input)
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return text.Append('"').Append(input.Length > 400 ? $" … ({input.Length} chars)" : "").ToString();
    }

    public static string Show(byte[] input) => Convert.ToHexString(input.Length > 200 ? input[..200] : input);

    /// <summary>A mutation of <paramref name="valid"/>: 1–4 edits of characters, tokens and ranges.</summary>
    public static string Mutate(Random random, string valid, IReadOnlyList<string> tokens)
    {
        var text = new StringBuilder(valid);
        int edits = random.Next(1, 5);
        for (int i = 0; i < edits; i++)
        {
            int at = random.Next(text.Length + 1);
            switch (random.Next(7))
            {
                case 0 when text.Length > 0:
                    text.Remove(Math.Min(at, text.Length - 1), Math.Min(random.Next(1, 8), text.Length - Math.Min(at, text.Length - 1)));
                    break;
                case 1:
                    text.Insert(at, tokens[random.Next(tokens.Count)]);
                    break;
                case 2:
                    text.Insert(at, (char)random.Next(0, 128));
                    break;
                case 3 when text.Length > 0:
                    text[Math.Min(at, text.Length - 1)] = (char)random.Next(0, 0x3000);
                    break;
                case 4:
                    // Truncation, as a half-written file has it.
                    text.Length = at;
                    break;
                case 5 when text.Length > 0:
                    int from = random.Next(text.Length), length = random.Next(1, Math.Min(40, text.Length - from) + 1);
                    text.Insert(at, text.ToString(from, length));
                    break;
                default:
                    text.Insert(at, Number(random));
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>Random text from a character soup that the parsers care about.</summary>
    public static string RandomText(Random random, int maxLength, string alphabet)
    {
        var text = new char[random.Next(maxLength + 1)];
        for (int i = 0; i < text.Length; i++) text[i] = random.Next(10) == 0 ? (char)random.Next(0, 0x1000) : alphabet[random.Next(alphabet.Length)];
        return new string(text);
    }

    /// <summary>A number that parsers trip on: zero, negatives, huge, tiny, NaN and infinities, overflowing integers.</summary>
    public static string Number(Random random) => random.Next(14) switch
    {
        0 => "0",
        1 => "-1",
        2 => "1e308",
        3 => "1e309",
        4 => "-1e-320",
        5 => "NaN",
        6 => "inf",
        7 => "-.inf",
        8 => "2147483648",
        9 => "99999999999999999999999",
        10 => "0x10",
        11 => "1,5",
        12 => random.NextDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => random.Next(-5, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A mutation of bytes: flips, overwrites with extreme values, insertions, deletions and truncation.</summary>
    public static byte[] Mutate(Random random, byte[] valid)
    {
        var bytes = new List<byte>(valid);
        int edits = random.Next(1, 5);
        for (int i = 0; i < edits; i++)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] = (byte)(random.Next(2) == 0 ? 0xff : 0x00);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(Math.Min(at, bytes.Count - 1), Math.Min(random.Next(1, 16), bytes.Count - Math.Min(at, bytes.Count - 1)));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    // The header's sizes: the first 16 bytes are where a wrong number does most harm.
                    if (bytes.Count >= 8) bytes[random.Next(Math.Min(16, bytes.Count))] = (byte)random.Next(256);
                    break;
            }
        }
        return bytes.ToArray();
    }
}
