using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MfaGateway.Benchmarks.SessionCheckBenchmarks).Assembly).Run(args);
