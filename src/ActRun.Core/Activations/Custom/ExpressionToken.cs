namespace ActRun.Core.Activations.Custom;

internal enum TokenKind { Number, Identifier, Symbol, End }

/// <summary>A token and where it starts (1-based column), so errors can point at it.</summary>
internal readonly record struct ExpressionToken(TokenKind Kind, string Text, int Column, double Number = 0)
{
    public bool Is(char symbol) => Kind == TokenKind.Symbol && Text[0] == symbol;
}
