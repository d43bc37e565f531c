using System.Globalization;
using System.Text;

namespace ActRun.Core.Activations.Custom;

/// <summary>
/// Canonical text of a tree: no spaces except after commas, parentheses only where the grammar needs them
/// to keep the tree's shape, numbers in shortest round-trip form (1e-05, 1.5). Parsing the text and printing
/// again gives the same text. Branch nodes (derivatives only) print as <c>(a&lt;b ? c : d)</c>, which does not parse.
/// </summary>
internal static class ExpressionPrinter
{
    // Binding strength, loosest first; atoms (numbers, x, constants, calls, parenthesised branches) bind tightest.
    private const int Sum = 1, Product = 2, Unary = 3, Power = 4, Atom = 5;

    public static string Print(ExpressionNode node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, ExpressionNode node)
    {
        switch (node)
        {
            case NumberNode n:
                sb.Append(FormatNumber(n.Value));
                break;
            case ConstantNode c:
                sb.Append(c.Name);
                break;
            case VariableNode:
                sb.Append('x');
                break;
            case NegateNode n:
                sb.Append('-');
                WriteOperand(sb, n.Operand, Precedence(n.Operand) < Unary);
                break;
            case BinaryNode { Operator: BinaryOperator.Power } b:
                // The base is a primary; the exponent is a unary, so 2^-x and 2^3^2 need no parentheses.
                WriteOperand(sb, b.Left, Precedence(b.Left) <= Power);
                sb.Append('^');
                WriteOperand(sb, b.Right, Precedence(b.Right) < Unary);
                break;
            case BinaryNode b:
                int precedence = Precedence(b);
                // Left-associative: a right operand at the same level keeps its parentheses, as in 1-(2-3).
                WriteOperand(sb, b.Left, Precedence(b.Left) < precedence);
                sb.Append(Symbol(b.Operator));
                WriteOperand(sb, b.Right, Precedence(b.Right) <= precedence);
                break;
            case CallNode c:
                sb.Append(c.Function.Name).Append('(');
                for (int i = 0; i < c.Arguments.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, c.Arguments[i]);
                }
                sb.Append(')');
                break;
            case BranchNode b:
                sb.Append('(');
                Write(sb, b.Left);
                sb.Append('<');
                Write(sb, b.Right);
                sb.Append(" ? ");
                Write(sb, b.IfLess);
                sb.Append(" : ");
                Write(sb, b.Otherwise);
                sb.Append(')');
                break;
            default:
                throw new InvalidOperationException($"Unknown node {node.GetType().Name}.");
        }
    }

    /// <summary>Shortest text that parses back to the same double, with a lower-case exponent: 1e-05.</summary>
    public static string FormatNumber(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');

    private static void WriteOperand(StringBuilder sb, ExpressionNode node, bool parenthesise)
    {
        if (parenthesise) sb.Append('(');
        Write(sb, node);
        if (parenthesise) sb.Append(')');
    }

    private static int Precedence(ExpressionNode node) => node switch
    {
        NumberNode n => n.Value < 0 || double.IsNegative(n.Value) ? Unary : Atom,
        NegateNode => Unary,
        BinaryNode b => b.Operator switch
        {
            BinaryOperator.Add or BinaryOperator.Subtract => Sum,
            BinaryOperator.Multiply or BinaryOperator.Divide => Product,
            _ => Power,
        },
        _ => Atom,
    };

    private static char Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => '+',
        BinaryOperator.Subtract => '-',
        BinaryOperator.Multiply => '*',
        BinaryOperator.Divide => '/',
        _ => '^',
    };
}
