using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ActRun.Core.Engine;

/// <summary>Which kernel computes a product: the scalar loop or a SIMD width.</summary>
public enum GemmPath
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

/// <summary>
/// The matrix products of the engine, row-major float32: the only place layers multiply matrices.
/// Every output element is c = fma(a[i,p], b[p,j], c) for p = 0..k−1 in order, from C (accumulate) or zero,
/// then + bias; blocking, SIMD width and thread split only choose who computes which element, so all paths and
/// all thread counts give the same bits (the scalar path is the plain loop the others are tested against).
/// </summary>
/// <remarks>
/// Layout: C is cut into tiles of <c>Rows</c> × 2 vectors (6 × 16 on AVX2, 8 × 32 on AVX-512) computed by
/// <see cref="GemmTile"/>, with k cut into chunks (short ones, whose slice of a B panel stays in L1, when a thread
/// has few row blocks; long ones otherwise, so that C is loaded and stored fewer times). B is read in place
/// when its rows are contiguous (X·W, Xᵀ·dZ); Bᵀ (dZ·Wᵀ) and a partial last panel are packed, zero-padded, and
/// partial tiles go through a small tile on the stack. Aᵀ (Xᵀ·dZ) is packed by row blocks when C is wide (see
/// <see cref="PackAMinColumns"/>). A pack is made by the unit that alone reads it, just before its tiles (a panel
/// of Bᵀ when the threads split the columns, the unit's row blocks of Aᵀ when they split the rows), else by the
/// team before the product.
/// Packing every B was measured slower: for a batch of 16 the copy costs more than the product saves. But a thread
/// that runs a panel's k chunk over at least <see cref="PanelCopyMinBlocks"/> row blocks first copies that chunk
/// to a contiguous per-thread buffer, whose lines do not evict each other (hidden 512/1024: 2–4 KB between B's rows).
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>The fastest path this machine accelerates.</summary>
    public static GemmPath Best { get; } =
        Vector512.IsHardwareAccelerated ? GemmPath.Vector512
        : Vector256.IsHardwareAccelerated ? GemmPath.Vector256
        : Vector128.IsHardwareAccelerated ? GemmPath.Vector128
        : GemmPath.Scalar;

    /// <summary>k per chunk when a thread runs only a few row blocks: a 256-row slice of a 2-vector B panel is 16 KB on AVX2, in L1.</summary>
    private const int KChunk = 256;

    /// <summary>
    /// k per chunk when a thread runs at least <see cref="PanelCopyMinBlocks"/> row blocks: each chunk loads and
    /// stores all of C once more, which costs more than keeping the B slice in L1 (measured 8–10% faster for the
    /// 784-wide forward product at batch 256 than chunks of 196; the same at batch 16, where C is small).
    /// </summary>
    private const int KChunkLong = 1024;

    /// <summary>
    /// Row blocks a thread must run over one k chunk of a B panel before that slice is copied to a contiguous
    /// buffer first: B read in place has rows Ldb floats apart, and with Ldb a multiple of 128 (hidden 128..1024)
    /// the slice's cache lines fall into a few cache sets and evict each other (4 KB aliasing). Copied once per
    /// chunk, the slice stays cached for every row block; for a few blocks (batch 16) the copy costs more than it saves.
    /// </summary>
    private const int PanelCopyMinBlocks = 4;

    [ThreadStatic] private static float[]? t_pack;
    [ThreadStatic] private static float[]? t_panel;
    [ThreadStatic] private static ProductWork? t_work;

    /// <summary>C[m×n] (+)= A[m×k] · B[k×n] (the forward product X·W).</summary>
    public static void MultiplyNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate) =>
        MultiplyNN(a, b, c, m, k, n, accumulate, default, null, Best);

    /// <summary>C[m×n] = (accumulate ? C : 0) + A·B, then + bias[n] on every row; shared by <paramref name="team"/> if given.</summary>
    public static void MultiplyNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate,
        ReadOnlySpan<float> bias, KernelTeam? team, GemmPath path)
    {
        Check(a.Length >= m * k && b.Length >= k * n && c.Length >= m * n && (bias.IsEmpty || bias.Length >= n));
        fixed (float* pa = a, pb = b, pc = c, pbias = bias)
            Multiply(new Operands(pa, k, 1, pb, n, false, pc, m, k, n, accumulate, bias.IsEmpty ? null : pbias), team, path);
    }

    /// <summary>C[m×n] (+)= Aᵀ · B with A stored [k×m] (the weight gradient Xᵀ·dZ).</summary>
    public static void MultiplyTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate) =>
        MultiplyTN(a, b, c, m, k, n, accumulate, null, Best);

    public static void MultiplyTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate,
        KernelTeam? team, GemmPath path)
    {
        Check(a.Length >= m * k && b.Length >= k * n && c.Length >= m * n);
        fixed (float* pa = a, pb = b, pc = c)
            Multiply(new Operands(pa, 1, m, pb, n, false, pc, m, k, n, accumulate, null), team, path);
    }

    /// <summary>
    /// W[m×n] −= rate · (Aᵀ·B) with A stored [k×m]: the weight gradient Xᵀ·dZ and a plain SGD step in one pass, so
    /// the gradient is never stored and read back. Each element's sum is the one <see cref="MultiplyTN"/> computes
    /// from zero, and the step is <see cref="VectorOps.Step"/>'s (w − rate·g, the product rounded first): the
    /// weights get the bits of the two done one after the other.
    /// </summary>
    public static void MultiplyTNStep(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> w, int m, int k, int n, float rate,
        KernelTeam? team, GemmPath path)
    {
        Check(a.Length >= m * k && b.Length >= k * n && w.Length >= m * n);
        fixed (float* pa = a, pb = b, pw = w)
            Multiply(new Operands(pa, 1, m, pb, n, false, pw, m, k, n, false, null, rate: rate, update: true), team, path);
    }

    /// <summary>C[m×n] (+)= A · Bᵀ with B stored [n×k] (the input gradient dZ·Wᵀ).</summary>
    public static void MultiplyNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate) =>
        MultiplyNT(a, b, c, m, k, n, accumulate, null, Best);

    public static void MultiplyNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate,
        KernelTeam? team, GemmPath path)
    {
        Check(a.Length >= m * k && b.Length >= n * k && c.Length >= m * n);
        fixed (float* pa = a, pb = b, pc = c)
            Multiply(new Operands(pa, k, 1, pb, k, true, pc, m, k, n, accumulate, null), team, path);
    }

    /// <summary>dst[cols×rows] = src[rows×cols]ᵀ.</summary>
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                dst[j * rows + i] = src[i * cols + j];
    }

    private static void Check(bool ok)
    {
        if (!ok) throw new ArgumentException("matrix buffer smaller than its shape");
    }

    /// <summary>
    /// A product's operands as raw pointers (pinned by the caller until every part is done). A's element (i, p)
    /// is at A[i·Rs + p·Cs]; B's element (p, j) at B[p·Ldb + j], or at B[j·Ldb + p] when <see cref="BTransposed"/>.
    /// </summary>
    private readonly struct Operands(float* a, nint rs, nint cs, float* b, nint ldb, bool bTransposed,
        float* c, int m, int k, int n, bool accumulate, float* bias, nint rowStep = 0, float rate = 0, bool update = false)
    {
        public readonly float* A = a, B = b, C = c, Bias = bias;
        public readonly nint Rs = rs, Cs = cs, Ldb = ldb;
        public readonly bool BTransposed = bTransposed, Accumulate = accumulate;
        public readonly int M = m, K = k, N = n;

        /// <summary>C −= Rate · sum instead of C = sum (see <see cref="MultiplyTNStep"/>); k is then never chunked.</summary>
        public readonly bool Update = update;
        public readonly float Rate = rate;

        /// <summary>A tile of rows starting at row i begins at A + i·RowStep (Rs, unless A is packed by blocks).</summary>
        public readonly nint RowStep = rowStep == 0 ? rs : rowStep;

        /// <summary>The same product with A packed block by block: block b's element (r, p) at packed[(b·K + p)·mr + r].</summary>
        public Operands WithPackedA(float* packed, int mr) => new(packed, 1, mr, B, Ldb, BTransposed, C, M, K, N, Accumulate, Bias, K, Rate, Update);
    }

    private static void Multiply(in Operands op, KernelTeam? team, GemmPath path)
    {
        if (op.M == 0 || op.N == 0) return;
        if (path == GemmPath.Scalar || op.K == 0)
        {
            Scalar(op);
            return;
        }
        int width = path switch { GemmPath.Vector512 => 16, GemmPath.Vector256 => 8, _ => 4 };
        int rows = path == GemmPath.Vector512 ? Simd512.Rows : path == GemmPath.Vector256 ? Simd256.Rows : Simd128.Rows;
        var layout = Layout.Create(op, rows, 2 * width);
        // Large enough to share among the team's threads (the packs and the product alike).
        bool shared = team is not null && (long)op.M * op.K * op.N >= team.MinParallelWork;
        // A few units per thread, so that a thread that starts late or runs slower takes fewer of them: 4 when the
        // threads split the columns, 2 when they split the rows, where each unit copies every panel of B (and packs its
        // own blocks of Aᵀ), so that a unit costs more (Xᵀ·dZ on two threads at 256 × 512: 84–86% of the peak against
        // 79–86% with 4; training steps at hidden 512 no slower).
        int units = shared ? Math.Min((layout.SplitColumns ? 4 : 2) * team!.Threads, layout.Blocks) : 1;
        bool packA = op.Rs == 1 && op.Cs != 1 && layout.RowBlocks >= 8 && op.N >= PackAMinColumns;
        // Where a unit alone reads what a pack holds, it packs that part itself, just before using it, while it stays in
        // cache and without a pass of the team (and its wait) before the product: the row blocks of Aᵀ when the rows
        // are split, each panel of Bᵀ when the columns are (or one unit does all). Otherwise the team packs first.
        bool packAInUnits = packA && (units == 1 || !layout.SplitColumns);
        bool packBInUnits = layout.PackAll && (units == 1 || layout.SplitColumns);
        float* packed = null;
        float[] pack = Buffer(ref t_pack, packBInUnits ? 0 : layout.PackLength);
        float[] packAStore = packA && !packAInUnits ? Buffer(ref t_packA, layout.RowBlocks * rows * op.K) : [];
        fixed (float* pp = pack, pa = packAStore)
        {
            var operands = op;
            if (packA && !packAInUnits)
            {
                var packWork = t_packWork ??= new PackAWork();
                packWork.Set(op, rows, layout.RowBlocks, pa);
                try
                {
                    team!.Run(packWork, Math.Min(2 * team.Threads, layout.RowBlocks));
                }
                finally
                {
                    packWork.Clear();
                }
                operands = op.WithPackedA(pa, rows);
            }
            if (layout.PackLength > 0 && !packBInUnits)
            {
                packed = pp;
                if (layout.PackAll && shared && layout.Panels >= 2)
                {
                    var packWork = t_packBWork ??= new PackBWork();
                    packWork.Set(op, layout, packed);
                    try
                    {
                        team!.Run(packWork, Math.Min(2 * team.Threads, layout.Panels));
                    }
                    finally
                    {
                        packWork.Clear();
                    }
                }
                else
                    Pack(op, layout, packed, 0, layout.Panels);
            }
            var work = t_work ??= new ProductWork();
            work.Set(operands, layout, packed, path, packAInUnits ? rows : 0, packBInUnits);
            try
            {
                if (units == 1) work.Execute(0, 1);
                else team!.Run(work, units);
            }
            finally
            {
                work.Clear();
            }
        }
    }

    /// <summary>
    /// Aᵀ (the weight gradient Xᵀ·dZ) is packed when C has at least this many columns: its tile reads mr adjacent
    /// floats per p from rows of A far apart (a cache line per p, mostly unused); packed, they are contiguous.
    /// Packing (shared by the team) measured 13% faster at hidden 1024 and batch 256, 3% at 512, and not worth its
    /// copy at 128.
    /// </summary>
    private const int PackAMinColumns = 512;

    [ThreadStatic] private static float[]? t_packA;

    [ThreadStatic] private static PackAWork? t_packWork;

    private sealed class PackAWork : IKernelWork
    {
        private Operands _op;
        private int _mr, _blocks;
        private float* _dst;

        public void Set(in Operands op, int mr, int blocks, float* dst)
        {
            _op = op;
            _mr = mr;
            _blocks = blocks;
            _dst = dst;
        }

        public void Clear() => _op = default;

        public void Execute(int unit, int units)
        {
            int first = (int)((long)_blocks * unit / units);
            PackA(_op, _mr, first, (int)((long)_blocks * (unit + 1) / units), _dst + (nint)first * _op.K * _mr);
        }
    }

    /// <summary>
    /// Aᵀ stored [k×m] (rows of a tile adjacent, p far apart) to blocks of mr rows, each p's mr values contiguous:
    /// blocks [firstBlock, endBlock), block b at dst + (b − firstBlock)·K·mr. A full block of 8 rows (AVX-512's tile)
    /// moves one 256-bit vector per p.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(in Operands op, int mr, int firstBlock, int endBlock, float* dst)
    {
        for (int block = firstBlock; block < endBlock; block++)
        {
            int row = block * mr, rows = Math.Min(mr, op.M - row);
            float* d = dst + (nint)(block - firstBlock) * op.K * mr;
            float* s = op.A + row;
            if (rows == 8 && mr == 8 && Vector256.IsHardwareAccelerated)
            {
                for (int p = 0; p < op.K; p++, d += 8, s += op.Cs) Vector256.Store(Vector256.Load(s), d);
                continue;
            }
            for (int p = 0; p < op.K; p++, d += mr, s += op.Cs)
            {
                int r = 0;
                for (; r < rows; r++) d[r] = s[r];
                for (; r < mr; r++) d[r] = 0;
            }
        }
    }

    /// <summary>This thread's pinned buffer in <paramref name="slot"/>, grown (at least doubled) when shorter than <paramref name="length"/>.</summary>
    private static float[] Buffer(ref float[]? slot, int length)
    {
        var buffer = slot;
        if (buffer is null || buffer.Length < length)
            slot = buffer = GC.AllocateUninitializedArray<float>(Math.Max(length, buffer?.Length * 2 ?? 0), pinned: true);
        return buffer;
    }

    /// <summary>This thread's buffer for one k chunk of a B panel (KChunkLong × 32 floats, 64-byte aligned, pinned).</summary>
    private static float* PanelBuffer()
    {
        var buffer = t_panel ??= GC.AllocateUninitializedArray<float>(KChunkLong * 32 + 16, pinned: true);
        float* p = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)(((nint)p + 63) & ~(nint)63);
    }

    /// <summary>
    /// How C is cut: panels of <c>Nr</c> columns, blocks of <c>Mr</c> rows, and which of the two the threads split
    /// (the one that divides the larger operand, so each thread reads less of it).
    /// </summary>
    private readonly record struct Layout(int Mr, int Nr, int RowBlocks, int Panels, bool SplitColumns, bool PackAll, int PackLength)
    {
        public int Blocks => SplitColumns ? Panels : RowBlocks;

        public static Layout Create(in Operands op, int mr, int nr)
        {
            int rowBlocks = (op.M + mr - 1) / mr, panels = (op.N + nr - 1) / nr;
            bool splitColumns = panels >= rowBlocks || op.N >= op.M && panels >= 2;
            // Bᵀ is packed whole; otherwise only a partial last panel, zero-padded to full width.
            int packLength = op.BTransposed ? panels * nr * op.K : op.N % nr != 0 ? nr * op.K : 0;
            return new Layout(mr, nr, rowBlocks, panels, splitColumns, op.BTransposed, packLength);
        }
    }

    /// <summary>
    /// p values per block of the Bᵀ transposition: the block's slice of the destination panel (64 × 32 floats, 8 KB)
    /// stays in L1 while the panel's columns are written into it; written whole, a 1024-deep panel (128 KB) was evicted
    /// between columns, and packing dZ·Wᵀ's Bᵀ cost more than the product at hidden 1024.
    /// </summary>
    private const int PackPBlock = 64;

    [ThreadStatic] private static PackBWork? t_packBWork;

    /// <summary>Bᵀ's panels packed by the team, a contiguous range of panels per unit.</summary>
    private sealed class PackBWork : IKernelWork
    {
        private Operands _op;
        private Layout _layout;
        private float* _dst;

        public void Set(in Operands op, in Layout layout, float* dst)
        {
            _op = op;
            _layout = layout;
            _dst = dst;
        }

        public void Clear() => _op = default;

        public void Execute(int unit, int units) =>
            Pack(_op, _layout, _dst, (int)((long)_layout.Panels * unit / units), (int)((long)_layout.Panels * (unit + 1) / units));
    }

    /// <summary>
    /// Panel j of packed B holds rows p = 0..k−1 of columns j·Nr.. as Nr contiguous floats each: for Bᵀ, panels
    /// [firstPanel, endPanel), transposed in blocks of <see cref="PackPBlock"/> p; otherwise the partial last panel.
    /// </summary>
    private static void Pack(in Operands op, in Layout layout, float* dst, int firstPanel, int endPanel)
    {
        int nr = layout.Nr, k = op.K, n = op.N;
        if (layout.PackAll)
        {
            for (int panel = firstPanel; panel < endPanel; panel++) PackPanel(op, layout, panel, 0, k, dst + (nint)panel * k * nr);
            return;
        }
        int tail0 = (layout.Panels - 1) * nr, tailCols = n - tail0;
        for (int p = 0; p < k; p++)
        {
            float* s = op.B + p * op.Ldb + tail0;
            float* d = dst + p * nr;
            for (int jj = 0; jj < tailCols; jj++) d[jj] = s[jj];
            for (int jj = tailCols; jj < nr; jj++) d[jj] = 0;
        }
    }

    /// <summary>Rows p of [pStart, pEnd) of Bᵀ's panel (columns panel·Nr..), row p at d + (p − pStart)·Nr, zero-padded.</summary>
    /// <remarks>
    /// Fully optimized from its first call, as the product's kernel is: called once per panel, it would otherwise run
    /// unoptimized code (its transposes not inlined) for the first hundred milliseconds of a run.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackPanel(in Operands op, in Layout layout, int panel, int pStart, int pEnd, float* d)
    {
        int nr = layout.Nr;
        int j0 = panel * nr, cols = Math.Min(nr, op.N - j0);
        d -= (nint)pStart * nr;
        // Blocks of 8 columns × 8 p move as 8×8 transposes of vectors where AVX has them; the rest one by one.
        int vectorCols = Avx.IsSupported ? cols & ~7 : 0;
        for (int p0 = pStart; p0 < pEnd; p0 += PackPBlock)
        {
            int p1 = Math.Min(pEnd, p0 + PackPBlock), vectorEnd = p0 + ((p1 - p0) & ~7);
            for (int jj = 0; jj < vectorCols; jj += 8)
            {
                float* s = op.B + (nint)(j0 + jj) * op.Ldb;
                for (int p = p0; p < vectorEnd; p += 8) Transpose8x8(s + p, op.Ldb, d + (nint)p * nr + jj, nr);
            }
            for (int jj = 0; jj < nr; jj++)
            {
                if (jj >= cols)
                {
                    for (int p = p0; p < p1; p++) d[p * nr + jj] = 0;
                    continue;
                }
                float* s = op.B + (nint)(j0 + jj) * op.Ldb;
                for (int p = jj < vectorCols ? vectorEnd : p0; p < p1; p++) d[p * nr + jj] = s[p];
            }
        }
    }

    /// <summary>dst[q·ldd + r] = src[r·lds + q] for r, q &lt; 8: the classic AVX 8×8 transpose (unpack, shuffle, permute); data moves only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint lds, float* dst, nint ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2 * lds);
        var r3 = Avx.LoadVector256(src + 3 * lds);
        var r4 = Avx.LoadVector256(src + 4 * lds);
        var r5 = Avx.LoadVector256(src + 5 * lds);
        var r6 = Avx.LoadVector256(src + 6 * lds);
        var r7 = Avx.LoadVector256(src + 7 * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }

    [ThreadStatic] private static float[]? t_packAUnit;

    /// <summary>One product's tiles, shared out by output blocks: unit i is a contiguous range of panels or row blocks, over all of k.</summary>
    private sealed class ProductWork : IKernelWork
    {
        private Operands _op;
        private Layout _layout;
        private float* _packed;
        private GemmPath _path;
        private int _packAMr;
        private bool _packPanels;

        /// <param name="packAMr">Non-zero: each unit packs its row blocks of Aᵀ (blocks of this many rows) before its tiles.</param>
        /// <param name="packPanels">Each unit packs Bᵀ panel by panel, k chunk by k chunk, just before using it.</param>
        public void Set(in Operands op, in Layout layout, float* packed, GemmPath path, int packAMr, bool packPanels)
        {
            _op = op;
            _layout = layout;
            _packed = packed;
            _path = path;
            _packAMr = packAMr;
            _packPanels = packPanels;
        }

        public void Clear() => _op = default;

        public void Execute(int unit, int units)
        {
            int blocks = _layout.Blocks;
            int first = (int)((long)blocks * unit / units), last = (int)((long)blocks * (unit + 1) / units);
            var (j0, j1, i0, i1) = _layout.SplitColumns ? (first, last, 0, _layout.RowBlocks) : (0, _layout.Panels, first, last);
            if (_packAMr == 0)
            {
                Run(_op, j0, j1, i0, i1);
                return;
            }
            int mr = _packAMr;
            var store = Buffer(ref t_packAUnit, (i1 - i0) * mr * _op.K);
            fixed (float* pa = store)
            {
                PackA(_op, mr, i0, i1, pa);
                // Blocks i0.. are at pa; the operands address block b at base + b·K·mr.
                Run(_op.WithPackedA(pa - (nint)i0 * _op.K * mr, mr), j0, j1, i0, i1);
            }
        }

        private void Run(in Operands op, int j0, int j1, int i0, int i1)
        {
            switch (_path)
            {
                case GemmPath.Vector512: Blocked<Simd512, Vector512<float>>(op, _layout, _packed, _packPanels, j0, j1, i0, i1); break;
                case GemmPath.Vector256: Blocked<Simd256, Vector256<float>>(op, _layout, _packed, _packPanels, j0, j1, i0, i1); break;
                default: Blocked<Simd128, Vector128<float>>(op, _layout, _packed, _packPanels, j0, j1, i0, i1); break;
            }
        }
    }

    /// <summary>Panels [j0, j1) × row blocks [i0, i1) of C, k chunk by k chunk (C is reloaded between chunks, so the sum order is unchanged).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blocked<TS, TV>(in Operands op, in Layout layout, float* packed, bool packPanels, int j0, int j1, int i0, int i1)
        where TS : ISimd<TV> where TV : unmanaged
    {
        int mr = layout.Mr, nr = layout.Nr, n = op.N;
        float* tile = stackalloc float[8 * 32];
        float* tileBias = stackalloc float[32];
        bool manyBlocks = i1 - i0 >= PanelCopyMinBlocks;
        // An update needs each element's whole sum at once: one chunk (copied only if it fits the buffer).
        float* panelCopy = !layout.PackAll && manyBlocks && op.Ldb != nr && (!op.Update || op.K <= KChunkLong) ? PanelBuffer() : null;
        // Bᵀ packed here, a k chunk of one panel at a time, into the same buffer (PackAll products never update).
        float* panelPack = packPanels ? PanelBuffer() : null;
        int kChunk = op.Update ? op.K : manyBlocks ? KChunkLong : KChunk;
        // Chunks of equal size: 784 = 4 × 196 rather than 3 × 256 + 16.
        int chunks = (op.K + kChunk - 1) / kChunk, step = (op.K + chunks - 1) / chunks;
        for (int p0 = 0; p0 < op.K; p0 += step)
        {
            int kc = Math.Min(step, op.K - p0);
            bool load = op.Accumulate || p0 > 0;
            bool lastChunk = p0 + kc == op.K;
            for (int panel = j0; panel < j1; panel++)
            {
                int col = panel * nr, cols = Math.Min(nr, n - col);
                float* b;
                nint ldb;
                if (panelPack != null)
                {
                    PackPanel(op, layout, panel, p0, p0 + kc, panelPack);
                    b = panelPack;
                    ldb = nr;
                }
                else if (layout.PackAll) { b = packed + ((nint)panel * op.K + p0) * nr; ldb = nr; }
                else if (cols < nr) { b = packed + (nint)p0 * nr; ldb = nr; }
                else if (panelCopy != null)
                {
                    // The same values in the same order, read from a contiguous copy (see PanelCopyMinBlocks).
                    float* s = op.B + p0 * op.Ldb + col;
                    int w = TS.Width;
                    for (int p = 0; p < kc; p++, s += op.Ldb)
                    {
                        TS.Store(panelCopy + p * nr, TS.Load(s));
                        TS.Store(panelCopy + p * nr + w, TS.Load(s + w));
                    }
                    b = panelCopy;
                    ldb = nr;
                }
                else { b = op.B + p0 * op.Ldb + col; ldb = op.Ldb; }
                float* bias = lastChunk && op.Bias != null ? op.Bias + col : null;
                if (cols < nr && bias != null)
                {
                    for (int jj = 0; jj < nr; jj++) tileBias[jj] = jj < cols ? bias[jj] : 0;
                    bias = tileBias;
                }
                for (int block = i0; block < i1; block++)
                {
                    int row = block * mr, rows = Math.Min(mr, op.M - row);
                    float* a = op.A + row * op.RowStep + p0 * op.Cs;
                    float* c = op.C + (nint)row * n + col;
                    if (cols == nr)
                    {
                        GemmTile.Run<TS, TV>(rows, a, op.Rs, op.Cs, b, ldb, c, n, kc, load, bias, op.Rate, op.Update);
                        continue;
                    }
                    if (load)
                        for (int r = 0; r < rows; r++)
                            for (int jj = 0; jj < cols; jj++) tile[r * nr + jj] = c[r * n + jj];
                    GemmTile.Run<TS, TV>(rows, a, op.Rs, op.Cs, b, ldb, tile, nr, kc, load, bias);
                    for (int r = 0; r < rows; r++)
                        for (int jj = 0; jj < cols; jj++)
                            c[r * n + jj] = op.Update ? c[r * n + jj] - op.Rate * tile[r * nr + jj] : tile[r * nr + jj];
                }
            }
        }
    }

    /// <summary>The plain loop every other path must equal bit for bit.</summary>
    private static void Scalar(in Operands op)
    {
        for (int i = 0; i < op.M; i++)
            for (int j = 0; j < op.N; j++)
            {
                float sum = op.Accumulate ? op.C[i * op.N + j] : 0f;
                for (int p = 0; p < op.K; p++)
                {
                    float b = op.BTransposed ? op.B[j * op.Ldb + p] : op.B[p * op.Ldb + j];
                    sum = MathF.FusedMultiplyAdd(op.A[i * op.Rs + p * op.Cs], b, sum);
                }
                if (op.Bias != null) sum += op.Bias[j];
                op.C[i * op.N + j] = op.Update ? op.C[i * op.N + j] - op.Rate * sum : sum;
            }
    }
}
