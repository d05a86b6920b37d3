import DaytonaCLI
DaytonaCommand.main()
