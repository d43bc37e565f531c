using static ActRun.Core.Activations.Custom.Algebra;

namespace ActRun.Core.Activations.Custom;

/// <summary>
/// Recursive-descent parser for expressions in x. Grammar, loosest first:
/// <code>
/// sum     = product (('+' | '-') product)*
/// product = unary (('*' | '/') unary)*
/// unary   = ('-' | '+') unary | power
/// power   = primary ('^' unary)?          right-associative; binds tighter than unary minus
/// primary = number | 'x' | 'pi' | 'e' | function '(' sum (',' sum)* ')' | '(' sum ')'
/// </code>
/// So -x^2 is -(x^2), 2^3^2 is 2^9, 1-2-3 is (1-2)-3, and 2^-x is 2^(-x).
/// The tree is kept as written (no simplification) so that it prints back as the user's expression.
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly string[] Identifiers = ["x", "pi", "e"];

    private readonly string _text;
    private readonly List<ExpressionToken> _tokens;
    private int _position;

    private ExpressionParser(string text)
    {
        _text = text;
        _tokens = ExpressionTokenizer.Tokenize(text);
    }

    private ExpressionToken Current => _tokens[_position];

    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(text);
        var node = parser.ParseSum();
        if (parser.Current.Kind != TokenKind.End) throw parser.Unexpected();
        return node;
    }

    /// <summary>True for a function or constant name, or x.</summary>
    public static bool IsKnownName(string name) => Identifiers.Contains(name) || ExpressionFunction.ByName.ContainsKey(name);

    /// <summary>The one error format: <c>Expression 'x+y': column 3: unknown identifier 'y' ...</c></summary>
    public static ConfigException Error(string text, int column, string detail) =>
        new($"Expression '{text}': column {column}: {detail}");

    private ExpressionNode ParseSum()
    {
        var left = ParseProduct();
        while (Current.Is('+') || Current.Is('-'))
        {
            var op = Next().Is('+') ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = new BinaryNode(op, left, ParseProduct());
        }
        return left;
    }

    private ExpressionNode ParseProduct()
    {
        var left = ParseUnary();
        while (Current.Is('*') || Current.Is('/'))
        {
            var op = Next().Is('*') ? BinaryOperator.Multiply : BinaryOperator.Divide;
            left = new BinaryNode(op, left, ParseUnary());
        }
        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (Current.Is('-'))
        {
            Next();
            return new NegateNode(ParseUnary());
        }
        if (Current.Is('+'))
        {
            Next();
            return ParseUnary();
        }
        return ParsePower();
    }

    private ExpressionNode ParsePower()
    {
        var basis = ParsePrimary();
        if (!Current.Is('^')) return basis;
        Next();
        return new BinaryNode(BinaryOperator.Power, basis, ParseUnary());
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Next();
                return Number(token.Number);
            case TokenKind.Identifier:
                Next();
                return Current.Is('(') ? ParseCall(token) : Identifier(token);
            case TokenKind.Symbol when token.Is('('):
                Next();
                var inner = ParseSum();
                Expect(')');
                return inner;
            default:
                throw Error(_text, token.Column, "expected a number, x, a function or '('");
        }
    }

    private ExpressionNode Identifier(ExpressionToken token) => token.Text switch
    {
        "x" => VariableNode.X,
        "pi" => new ConstantNode("pi", Math.PI),
        "e" => new ConstantNode("e", Math.E),
        var name when ExpressionFunction.ByName.ContainsKey(name) =>
            throw Error(_text, token.Column, $"function '{name}' needs its arguments in parentheses: {name}(...)"),
        var name => throw Error(_text, token.Column,
            $"unknown identifier '{name}'" + (Suggest.Closest(name, Identifiers) is { } s ? $". Did you mean '{s}'?" : " (the only variable is x)")),
    };

    private ExpressionNode ParseCall(ExpressionToken name)
    {
        if (!ExpressionFunction.ByName.TryGetValue(name.Text, out var function))
        {
            string hint = Suggest.Closest(name.Text, ExpressionFunction.ByName.Keys) is { } s
                ? $". Did you mean '{s}'?"
                : $". Functions: {string.Join(", ", ExpressionFunction.ByName.Keys)}";
            throw Error(_text, name.Column, $"unknown function '{name.Text}'{hint}");
        }
        Expect('(');
        var arguments = new List<ExpressionNode> { ParseSum() };
        while (Current.Is(','))
        {
            Next();
            arguments.Add(ParseSum());
        }
        Expect(')');
        if (arguments.Count != function.Arity)
        {
            string expected = function.Arity == 1 ? "1 argument" : $"{function.Arity} arguments";
            throw Error(_text, name.Column, $"function '{function.Name}' takes {expected}, found {arguments.Count}");
        }
        return new CallNode(function, arguments.ToArray());
    }

    private void Expect(char symbol)
    {
        if (!Current.Is(symbol)) throw Error(_text, Current.Column, $"expected '{symbol}'");
        Next();
    }

    private ConfigException Unexpected() => Error(_text, Current.Column, $"unexpected '{Current.Text}'");

    private ExpressionToken Next() => _tokens[_position++];
}
