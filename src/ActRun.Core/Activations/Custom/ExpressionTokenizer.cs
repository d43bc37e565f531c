using System.Globalization;

namespace ActRun.Core.Activations.Custom;

/// <summary>
/// Splits an expression into numbers (invariant culture: 1.5, .5, 1e-3), identifiers, the symbols
/// + - * / ^ ( ) , and a final End token. Whitespace separates tokens and is otherwise ignored.
/// </summary>
internal static class ExpressionTokenizer
{
    public const string Symbols = "+-*/^(),";

    public static List<ExpressionToken> Tokenize(string text)
    {
        var tokens = new List<ExpressionToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int column = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                int end = NumberEnd(text, i);
                string number = text[i..end];
                double value = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!double.IsFinite(value)) throw ExpressionParser.Error(text, column, $"number '{number}' is out of range");
                tokens.Add(new(TokenKind.Number, number, column, value));
                i = end;
            }
            else if (IsIdentifierStart(c))
            {
                int end = i + 1;
                while (end < text.Length && IsIdentifierPart(text[end])) end++;
                tokens.Add(new(TokenKind.Identifier, text[i..end], column));
                i = end;
            }
            else if (Symbols.Contains(c))
            {
                tokens.Add(new(TokenKind.Symbol, c.ToString(), column));
                i++;
            }
            else
            {
                throw ExpressionParser.Error(text, column, $"unexpected character '{c}'");
            }
        }
        tokens.Add(new(TokenKind.End, "end of expression", text.Length + 1));
        return tokens;
    }

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>digits [. digits] [e [+-] digits]; the exponent only when digits follow, so "2*e" keeps the constant e.</summary>
    private static int NumberEnd(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
                i = j;
            }
        }
        return i;
    }
}
