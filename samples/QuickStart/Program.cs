Console.WriteLine("quick start: to be built");
