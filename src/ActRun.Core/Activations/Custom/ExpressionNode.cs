namespace ActRun.Core.Activations.Custom;

/// <summary>
/// A node of an expression in x. Trees are immutable; compare them by their printed text
/// (<see cref="ExpressionPrinter"/>), since a call's argument array compares by reference.
/// </summary>
internal abstract record ExpressionNode
{
    public sealed override string ToString() => ExpressionPrinter.Print(this);
}

/// <summary>A literal number. The parser only produces non-negative ones; simplification may fold to negatives.</summary>
internal sealed record NumberNode(double Value) : ExpressionNode;

/// <summary>A named constant (pi, e), kept by name so that it prints back as written.</summary>
internal sealed record ConstantNode(string Name, double Value) : ExpressionNode;

/// <summary>The variable x, the activation's input.</summary>
internal sealed record VariableNode : ExpressionNode
{
    public static readonly VariableNode X = new();
}

/// <summary>-operand.</summary>
internal sealed record NegateNode(ExpressionNode Operand) : ExpressionNode;

internal enum BinaryOperator { Add, Subtract, Multiply, Divide, Power }

/// <summary>left op right; ^ is a power.</summary>
internal sealed record BinaryNode(BinaryOperator Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode;

/// <summary>function(arguments...), with the function's arity already checked.</summary>
internal sealed record CallNode(ExpressionFunction Function, ExpressionNode[] Arguments) : ExpressionNode;

/// <summary>
/// left &lt; right ? ifLess : otherwise. Not in the input language: derivatives use it to pick a branch
/// (relu, min, max) without computing the side not taken.
/// </summary>
internal sealed record BranchNode(ExpressionNode Left, ExpressionNode Right, ExpressionNode IfLess, ExpressionNode Otherwise) : ExpressionNode;
