using static ActRun.Core.Activations.Custom.Algebra;

namespace ActRun.Core.Activations.Custom;

/// <summary>
/// Exact symbolic derivative d/dx of a tree, built with <see cref="Algebra"/> so that 0 and 1 terms vanish.
/// Function rules live with the functions (<see cref="ExpressionFunction"/>); never finite differences.
/// </summary>
internal static class ExpressionDerivative
{
    public static ExpressionNode Of(ExpressionNode node) => node switch
    {
        NumberNode or ConstantNode => Zero,
        VariableNode => One,
        NegateNode n => Negate(Of(n.Operand)),
        BinaryNode b => OfBinary(b),
        CallNode c => c.Function.Derivative(c.Arguments, c.Arguments.Select(Of).ToArray()),
        // Piecewise: the derivative of the branch taken (the kink itself was a choice already).
        BranchNode b => Branch(b.Left, b.Right, Of(b.IfLess), Of(b.Otherwise)),
        _ => throw new InvalidOperationException($"Unknown node {node.GetType().Name}."),
    };

    private static ExpressionNode OfBinary(BinaryNode b)
    {
        ExpressionNode u = b.Left, v = b.Right, du = Of(u), dv = Of(v);
        return b.Operator switch
        {
            BinaryOperator.Add => Add(du, dv),
            BinaryOperator.Subtract => Subtract(du, dv),
            // (uv)' = u'v + uv'
            BinaryOperator.Multiply => Add(Multiply(du, v), Multiply(u, dv)),
            // (u/v)' = u'/v when v is constant, else (u'v - uv')/v^2
            BinaryOperator.Divide => IsNumber(dv, 0)
                ? Divide(du, v)
                : Divide(Subtract(Multiply(du, v), Multiply(u, dv)), Power(v, Number(2))),
            _ => ExpressionFunction.PowerDerivative(u, v, du, dv),
        };
    }
}
