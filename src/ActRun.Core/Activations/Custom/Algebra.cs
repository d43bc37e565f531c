using ActRun.Core.Engine;

namespace ActRun.Core.Activations.Custom;

/// <summary>
/// Node constructors that simplify as they build: 0 and 1 terms vanish and numbers fold, so a derivative
/// such as d/dx (x^2) comes out as 2*x rather than 2*x^1*1 + 0, and the compiled code stays lean.
/// Dropping 0*f also drops f's NaN or infinity at a singular point; the derivative there is 0 by convention.
/// </summary>
internal static class Algebra
{
    public static readonly NumberNode Zero = new(0);
    public static readonly NumberNode One = new(1);

    public static NumberNode Number(double value) => new(value);

    public static bool IsNumber(ExpressionNode node, double value) => node is NumberNode n && n.Value == value;

    public static ExpressionNode Negate(ExpressionNode a) => a switch
    {
        NumberNode n => Number(-n.Value + 0.0), // + 0.0 turns -0 into 0
        NegateNode n => n.Operand,
        BinaryNode { Operator: BinaryOperator.Multiply, Left: NumberNode k } m => Multiply(Number(-k.Value), m.Right),
        _ => new NegateNode(a),
    };

    public static ExpressionNode Add(ExpressionNode a, ExpressionNode b)
    {
        if (IsNumber(a, 0)) return b;
        if (IsNumber(b, 0)) return a;
        if (a is NumberNode x && b is NumberNode y) return Fold(x.Value + y.Value, BinaryOperator.Add, a, b);
        if (b is NegateNode nb) return Subtract(a, nb.Operand);
        if (b is NumberNode { Value: < 0 } negative) return Subtract(a, Number(-negative.Value));
        return new BinaryNode(BinaryOperator.Add, a, b);
    }

    public static ExpressionNode Subtract(ExpressionNode a, ExpressionNode b)
    {
        if (IsNumber(b, 0)) return a;
        if (IsNumber(a, 0)) return Negate(b);
        if (a is NumberNode x && b is NumberNode y) return Fold(x.Value - y.Value, BinaryOperator.Subtract, a, b);
        if (b is NegateNode nb) return Add(a, nb.Operand);
        return new BinaryNode(BinaryOperator.Subtract, a, b);
    }

    public static ExpressionNode Multiply(ExpressionNode a, ExpressionNode b)
    {
        if (IsNumber(a, 0) || IsNumber(b, 0)) return Zero;
        if (IsNumber(a, 1)) return b;
        if (IsNumber(b, 1)) return a;
        if (IsNumber(a, -1)) return Negate(b);
        if (IsNumber(b, -1)) return Negate(a);
        if (a is NumberNode x && b is NumberNode y) return Fold(x.Value * y.Value, BinaryOperator.Multiply, a, b);
        if (a is NegateNode na) return Negate(Multiply(na.Operand, b));
        if (b is NegateNode nb) return Negate(Multiply(a, nb.Operand));
        // Numbers to the front and merged: 2*(3*x) is 6*x, x*2 prints as 2*x.
        if (b is NumberNode && a is not NumberNode) return Multiply(b, a);
        if (a is NumberNode m && b is BinaryNode { Operator: BinaryOperator.Multiply, Left: NumberNode k } inner)
            return Multiply(Fold(m.Value * k.Value, BinaryOperator.Multiply, m, k), inner.Right);
        return new BinaryNode(BinaryOperator.Multiply, a, b);
    }

    public static ExpressionNode Divide(ExpressionNode a, ExpressionNode b)
    {
        if (IsNumber(a, 0)) return Zero;
        if (IsNumber(b, 1)) return a;
        if (IsNumber(b, -1)) return Negate(a);
        if (a is NumberNode x && b is NumberNode y) return Fold(x.Value / y.Value, BinaryOperator.Divide, a, b);
        if (a is NegateNode na) return Negate(Divide(na.Operand, b));
        return new BinaryNode(BinaryOperator.Divide, a, b);
    }

    public static ExpressionNode Power(ExpressionNode a, ExpressionNode b)
    {
        if (IsNumber(b, 0)) return One;
        if (IsNumber(b, 1)) return a;
        if (a is NumberNode x && b is NumberNode y) return Fold(DoubleMath.Pow(x.Value, y.Value), BinaryOperator.Power, a, b);
        return new BinaryNode(BinaryOperator.Power, a, b);
    }

    public static ExpressionNode Call(ExpressionFunction function, params ExpressionNode[] arguments) => new CallNode(function, arguments);

    public static ExpressionNode Branch(ExpressionNode left, ExpressionNode right, ExpressionNode ifLess, ExpressionNode otherwise) =>
        ifLess is NumberNode a && otherwise is NumberNode b && a.Value == b.Value
            ? ifLess
            : new BranchNode(left, right, ifLess, otherwise);

    /// <summary>Keeps the operation unfolded when folding would print as Infinity or NaN, which does not parse.</summary>
    private static ExpressionNode Fold(double value, BinaryOperator op, ExpressionNode a, ExpressionNode b) =>
        double.IsFinite(value) ? Number(value + 0.0) : new BinaryNode(op, a, b);
}
