<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AccountDirectory</name>
    <message>
        <source>Enter a username and the server&apos;s address.</source>
        <translation>Hãy nhập tên đăng nhập và địa chỉ máy chủ.</translation>
    </message>
    <message>
        <source>Cannot create the folder &quot;%1&quot; for this account&apos;s data. Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>Không tạo được thư mục “%1” để lưu dữ liệu của tài khoản này. Hãy kiểm tra ổ đĩa và quyền truy cập thư mục, rồi thử lại.</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Surname</source>
        <translation>Họ</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Tên đệm</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <source>Religion</source>
        <translation>Tôn giáo</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>Đảng viên</translation>
    </message>
    <message>
        <source>Citizen ID</source>
        <translation>Số định danh cá nhân (CCCD)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Address before the merger</source>
        <translation>Địa chỉ trước sáp nhập</translation>
    </message>
    <message>
        <source>Residential area code</source>
        <translation>Mã khu dân cư</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Head of household (person)</source>
        <translation>Chủ hộ (người trong danh sách)</translation>
    </message>
    <message>
        <source>Poverty status</source>
        <translation>Tình trạng nghèo</translation>
    </message>
    <message>
        <source>Poverty standard period</source>
        <translation>Giai đoạn chuẩn nghèo</translation>
    </message>
    <message>
        <source>Basic services lacking</source>
        <translation>Số chỉ số thiếu hụt dịch vụ cơ bản</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>Ngày rà soát</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Số nhân khẩu</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Residential area</source>
        <translation>Khu dân cư</translation>
    </message>
    <message>
        <source>Counted on</source>
        <translation>Tính đến ngày</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Người</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Tổ chức</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Nhiệm kỳ</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <source>Re-elected</source>
        <translation>Tái cử</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Reason for leaving</source>
        <translation>Lý do thôi</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation>Thành phần uy tín</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Số quyết định</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Ngày quyết định</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Phẩm trật</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Chức danh</translation>
    </message>
    <message>
        <source>Religious organisation</source>
        <translation>Tổ chức tôn giáo</translation>
    </message>
    <message>
        <source>Place of worship</source>
        <translation>Cơ sở thờ tự</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Receipt or payment</source>
        <translation>Thu/chi</translation>
    </message>
    <message>
        <source>Amount (VND)</source>
        <translation>Số tiền (đồng)</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Mục đích</translation>
    </message>
    <message>
        <source>From or to</source>
        <translation>Người nộp/nhận</translation>
    </message>
    <message>
        <source>Beneficiary household</source>
        <translation>Hộ được hỗ trợ</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>From the Fund (VND)</source>
        <translation>Từ Quỹ (đồng)</translation>
    </message>
    <message>
        <source>From the state budget (VND)</source>
        <translation>Từ ngân sách (đồng)</translation>
    </message>
    <message>
        <source>From donors (VND)</source>
        <translation>Xã hội hóa (đồng)</translation>
    </message>
    <message>
        <source>Started on</source>
        <translation>Ngày khởi công</translation>
    </message>
    <message>
        <source>Handed over on</source>
        <translation>Ngày bàn giao</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Nhân khẩu</translation>
    </message>
    <message>
        <source>Residential areas</source>
        <translation>Khu dân cư</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Tổ chức</translation>
    </message>
    <message>
        <source>Committee members</source>
        <translation>Ủy viên, cán bộ</translation>
    </message>
    <message>
        <source>Notable persons</source>
        <translation>Người có uy tín</translation>
    </message>
    <message>
        <source>Religious dignitaries</source>
        <translation>Chức sắc, chức việc tôn giáo</translation>
    </message>
    <message>
        <source>Fund for the Poor</source>
        <translation>Quỹ &quot;Vì người nghèo&quot;</translation>
    </message>
    <message>
        <source>Solidarity houses</source>
        <translation>Nhà Đại đoàn kết</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Nghèo</translation>
    </message>
    <message>
        <source>Near-poor</source>
        <translation>Cận nghèo</translation>
    </message>
    <message>
        <source>Escaped poverty</source>
        <translation>Thoát nghèo</translation>
    </message>
    <message>
        <source>Not poor</source>
        <translation>Không nghèo</translation>
    </message>
    <message>
        <source>Village (thôn)</source>
        <translation>Thôn</translation>
    </message>
    <message>
        <source>Residential group (tổ dân phố)</source>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>Hamlet (ấp)</source>
        <translation>Ấp</translation>
    </message>
    <message>
        <source>Hamlet (bản)</source>
        <translation>Bản</translation>
    </message>
    <message>
        <source>Hamlet (buôn)</source>
        <translation>Buôn</translation>
    </message>
    <message>
        <source>Village (làng)</source>
        <translation>Làng</translation>
    </message>
    <message>
        <source>Quarter (khu phố)</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <source>Fatherland Front Committee</source>
        <translation>Ủy ban MTTQ</translation>
    </message>
    <message>
        <source>Front Work Committee</source>
        <translation>Ban Công tác Mặt trận</translation>
    </message>
    <message>
        <source>Trade Union</source>
        <translation>Công đoàn</translation>
    </message>
    <message>
        <source>Farmers&apos; Association</source>
        <translation>Hội Nông dân</translation>
    </message>
    <message>
        <source>Women&apos;s Union</source>
        <translation>Hội Liên hiệp Phụ nữ</translation>
    </message>
    <message>
        <source>Youth Union</source>
        <translation>Đoàn Thanh niên</translation>
    </message>
    <message>
        <source>Veterans&apos; Association</source>
        <translation>Hội Cựu chiến binh</translation>
    </message>
    <message>
        <source>Other association</source>
        <translation>Hội khác</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chủ tịch</translation>
    </message>
    <message>
        <source>Vice-chair</source>
        <translation>Phó Chủ tịch</translation>
    </message>
    <message>
        <source>Standing member</source>
        <translation>Ủy viên Thường trực</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Ủy viên</translation>
    </message>
    <message>
        <source>Head of the Front Work Committee</source>
        <translation>Trưởng ban Công tác Mặt trận</translation>
    </message>
    <message>
        <source>Deputy head of the Front Work Committee</source>
        <translation>Phó Trưởng ban Công tác Mặt trận</translation>
    </message>
    <message>
        <source>Full-time cadre</source>
        <translation>Cán bộ chuyên trách</translation>
    </message>
    <message>
        <source>Head of a member organisation</source>
        <translation>Người đứng đầu tổ chức thành viên</translation>
    </message>
    <message>
        <source>Typical individual</source>
        <translation>Cá nhân tiêu biểu</translation>
    </message>
    <message>
        <source>Full-time</source>
        <translation>Chuyên trách</translation>
    </message>
    <message>
        <source>Village elder</source>
        <translation>Già làng</translation>
    </message>
    <message>
        <source>Head of a clan</source>
        <translation>Trưởng dòng họ</translation>
    </message>
    <message>
        <source>Head of a village</source>
        <translation>Trưởng thôn, bản</translation>
    </message>
    <message>
        <source>Dignitary</source>
        <translation>Chức sắc</translation>
    </message>
    <message>
        <source>Intellectual</source>
        <translation>Nhân sĩ, trí thức</translation>
    </message>
    <message>
        <source>Business person</source>
        <translation>Doanh nhân</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Nhà giáo</translation>
    </message>
    <message>
        <source>Healer</source>
        <translation>Thầy thuốc</translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation>Đang được công nhận</translation>
    </message>
    <message>
        <source>No longer recognised</source>
        <translation>Thôi công nhận</translation>
    </message>
    <message>
        <source>Office-holder</source>
        <translation>Chức việc</translation>
    </message>
    <message>
        <source>Monastic</source>
        <translation>Nhà tu hành</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Chi</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Nhà ở</translation>
    </message>
    <message>
        <source>Livelihood</source>
        <translation>Sinh kế</translation>
    </message>
    <message>
        <source>Schooling</source>
        <translation>Học tập</translation>
    </message>
    <message>
        <source>Health care</source>
        <translation>Y tế</translation>
    </message>
    <message>
        <source>Relief</source>
        <translation>Cứu trợ</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>Tặng quà</translation>
    </message>
    <message>
        <source>New house</source>
        <translation>Xây mới</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Sửa chữa</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Đề xuất</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <source>Under construction</source>
        <translation>Đang xây dựng</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Đã bàn giao</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Required: fill it in.</source>
        <translation>Bắt buộc: hãy điền vào.</translation>
    </message>
    <message>
        <source>Write a whole number, without dots or commas.</source>
        <translation>Hãy viết một số nguyên, không có dấu chấm hay dấu phẩy.</translation>
    </message>
    <message>
        <source>This value cannot be stored here: correct it.</source>
        <translation>Giá trị này không lưu được ở đây: hãy sửa lại.</translation>
    </message>
    <message>
        <source>Choose one of the values in the list.</source>
        <translation>Hãy chọn một giá trị trong danh sách.</translation>
    </message>
    <message>
        <source>Not a date: write it as dd/mm/yyyy, for example 02/09/1975.</source>
        <translation>Không phải ngày: hãy viết theo dạng ngày/tháng/năm, ví dụ 02/09/1975.</translation>
    </message>
    <message>
        <source>This field changes only through its actions (submit, accept, return).</source>
        <translation>Trường này chỉ thay đổi qua các thao tác (gửi, tiếp nhận, trả lại).</translation>
    </message>
    <message>
        <source>Attach the file again.</source>
        <translation>Hãy đính kèm lại tệp.</translation>
    </message>
    <message>
        <source>Must be at least %1.</source>
        <translation>Phải từ %1 trở lên.</translation>
    </message>
    <message>
        <source>Cannot be negative.</source>
        <translation>Không được là số âm.</translation>
    </message>
    <message>
        <source>A citizen ID has exactly 12 digits, without spaces.</source>
        <translation>Số định danh cá nhân có đúng 12 chữ số, không có dấu cách.</translation>
    </message>
    <message>
        <source>Not a Vietnamese phone number: write 10 digits starting with 0, such as 0912 345 678.</source>
        <translation>Không phải số điện thoại Việt Nam: hãy viết 10 chữ số bắt đầu bằng 0, ví dụ 0912 345 678.</translation>
    </message>
    <message>
        <source>This value does not have the expected form.</source>
        <translation>Giá trị này không đúng dạng.</translation>
    </message>
    <message>
        <source>Check: this does not match %1.</source>
        <translation>Kiểm tra lại: không khớp với %1.</translation>
    </message>
    <message>
        <source>Check: this date has not come yet.</source>
        <translation>Kiểm tra lại: ngày này chưa tới.</translation>
    </message>
    <message>
        <source>Number of members</source>
        <translation>Số thành viên</translation>
    </message>
    <message>
        <source>Number of households</source>
        <translation>Số hộ</translation>
    </message>
    <message>
        <source>Report type</source>
        <translation>Loại báo cáo</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <source>Typical activities</source>
        <translation>Hoạt động tiêu biểu</translation>
    </message>
    <message>
        <source>Difficulties</source>
        <translation>Khó khăn, vướng mắc</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Kiến nghị, đề xuất</translation>
    </message>
    <message>
        <source>Reason for returning</source>
        <translation>Lý do trả lại</translation>
    </message>
    <message>
        <source>Persons in the registry</source>
        <translation>Số nhân khẩu trong danh sách</translation>
    </message>
    <message>
        <source>Members of the organisations</source>
        <translation>Số hội viên, đoàn viên của các tổ chức</translation>
    </message>
    <message>
        <source>Full-time cadres</source>
        <translation>Cán bộ chuyên trách</translation>
    </message>
    <message>
        <source>Poor households</source>
        <translation>Hộ nghèo</translation>
    </message>
    <message>
        <source>Near-poor households</source>
        <translation>Hộ cận nghèo</translation>
    </message>
    <message>
        <source>Households out of poverty</source>
        <translation>Hộ thoát nghèo</translation>
    </message>
    <message>
        <source>Fund receipts in the period (VND)</source>
        <translation>Quỹ thu trong kỳ (đồng)</translation>
    </message>
    <message>
        <source>Fund payments in the period (VND)</source>
        <translation>Quỹ chi trong kỳ (đồng)</translation>
    </message>
    <message>
        <source>Solidarity houses built in the period</source>
        <translation>Nhà Đại đoàn kết xây mới trong kỳ</translation>
    </message>
    <message>
        <source>Solidarity houses repaired in the period</source>
        <translation>Nhà Đại đoàn kết sửa chữa trong kỳ</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Tuần</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Nháp</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Bị trả lại</translation>
    </message>
    <message>
        <source>Type a few letters of the name and choose the record from the list that drops down.</source>
        <translation>Gõ vài chữ của tên rồi chọn bản ghi trong danh sách hiện ra.</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>The system keychain cannot be used because the home folder &quot;%1&quot; does not exist. Secrets are kept in an encrypted file instead.</source>
        <translation>Không dùng được kho khóa của hệ thống vì thư mục cá nhân “%1” không tồn tại. Thay vào đó, các thông tin bí mật được lưu trong một tệp đã mã hóa.</translation>
    </message>
    <message>
        <source>No secret is saved in the system keychain under &quot;%1&quot;.</source>
        <translation>Không có thông tin bí mật nào được lưu trong kho khóa của hệ thống với tên “%1”.</translation>
    </message>
    <message>
        <source>The system keychain refused access (%1). Unlock the keychain and try again.</source>
        <translation>Kho khóa của hệ thống đã từ chối truy cập (%1). Hãy mở khóa kho khóa rồi thử lại.</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). Secrets are kept in an encrypted file instead.</source>
        <translation>Kho khóa của hệ thống không khả dụng (%1). Thay vào đó, các thông tin bí mật được lưu trong một tệp đã mã hóa.</translation>
    </message>
    <message>
        <source>The system keychain failed (%1). Try again.</source>
        <translation>Kho khóa của hệ thống gặp lỗi (%1). Hãy thử lại.</translation>
    </message>
</context>
<context>
    <name>RecordTitles</name>
    <message>
        <source>born %1</source>
        <translation>sinh năm %1</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(chưa có tên)</translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1 (đã xóa)</translation>
    </message>
    <message>
        <source>(not on this computer yet)</source>
        <translation>(chưa có trên máy này)</translation>
    </message>
</context>
<context>
    <name>RoleNames</name>
    <message>
        <source>Commune cadre</source>
        <translation>Cán bộ cấp xã</translation>
    </message>
    <message>
        <source>Commune Front chair</source>
        <extracomment>Chair of the commune&apos;s Fatherland Front committee (Chủ tịch Ủy ban MTTQ cấp xã).</extracomment>
        <translation>Chủ tịch UBMTTQ cấp xã</translation>
    </message>
    <message>
        <source>Provincial staff</source>
        <translation>Cán bộ cấp tỉnh</translation>
    </message>
    <message>
        <source>Central administrator</source>
        <translation>Quản trị Trung ương</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>Kiểm tra</translation>
    </message>
</context>
<context>
    <name>VaultFileSecretStore</name>
    <message>
        <source>The file of saved secrets &quot;%1&quot; is damaged. Delete it, then sign in online again.</source>
        <translation>Tệp lưu thông tin bí mật “%1” đã bị hỏng. Hãy xóa tệp này, rồi đăng nhập trực tuyến lại.</translation>
    </message>
    <message>
        <source>The file of saved secrets &quot;%1&quot; cannot be read or written (%2). Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>Không đọc hoặc ghi được tệp lưu thông tin bí mật “%1” (%2). Hãy kiểm tra ổ đĩa và quyền truy cập thư mục, rồi thử lại.</translation>
    </message>
    <message>
        <source>The file of saved secrets &quot;%1&quot; was written by a newer version of Mặt trận số. Update the application.</source>
        <translation>Tệp lưu thông tin bí mật “%1” được ghi bởi một phiên bản Mặt trận số mới hơn. Hãy cập nhật chương trình.</translation>
    </message>
    <message>
        <source>The password does not open the file of saved secrets. Enter the password again, or sign in online.</source>
        <translation>Mật khẩu không mở được tệp lưu thông tin bí mật. Hãy nhập lại mật khẩu, hoặc đăng nhập trực tuyến.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the saved secrets. Close other programs and try again.</source>
        <translation>Không đủ bộ nhớ để bảo vệ các thông tin bí mật đã lưu. Hãy đóng bớt các chương trình khác rồi thử lại.</translation>
    </message>
    <message>
        <source>No secret is saved under &quot;%1&quot;.</source>
        <translation>Không có thông tin bí mật nào được lưu với tên “%1”.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot read the certificate file %1: %2</source>
        <translation>Không đọc được tệp chứng chỉ %1: %2</translation>
    </message>
    <message>
        <source>The file %1 holds no certificate in PEM format.</source>
        <translation>Tệp %1 không chứa chứng chỉ ở định dạng PEM.</translation>
    </message>
</context>
<context>
    <name>mts::AccountKeys</name>
    <message>
        <source>This account has not signed in online on this computer yet. Connect to the internet and sign in online.</source>
        <translation>Tài khoản này chưa từng đăng nhập trực tuyến trên máy tính này. Hãy kết nối Internet và đăng nhập trực tuyến.</translation>
    </message>
    <message>
        <source>The account file &quot;%1&quot; is damaged. Connect to the internet and sign in online; if that does not help, ask your administrator.</source>
        <translation>Tệp tài khoản “%1” đã bị hỏng. Hãy kết nối Internet và đăng nhập trực tuyến; nếu vẫn không được, hãy hỏi quản trị viên.</translation>
    </message>
    <message>
        <source>The account file &quot;%1&quot; cannot be read (%2). Check the disk and the folder&apos;s permissions.</source>
        <translation>Không đọc được tệp tài khoản “%1” (%2). Hãy kiểm tra ổ đĩa và quyền truy cập thư mục.</translation>
    </message>
    <message>
        <source>The account file was written by a newer version of Mặt trận số. Update the application.</source>
        <translation>Tệp tài khoản được ghi bởi một phiên bản Mặt trận số mới hơn. Hãy cập nhật chương trình.</translation>
    </message>
    <message>
        <source>The account file &quot;%1&quot; cannot be written (%2). Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>Không ghi được tệp tài khoản “%1” (%2). Hãy kiểm tra ổ đĩa và quyền truy cập thư mục, rồi thử lại.</translation>
    </message>
    <message>
        <source>Not enough memory to check the password. Close other programs and try again.</source>
        <translation>Không đủ bộ nhớ để kiểm tra mật khẩu. Hãy đóng bớt các chương trình khác rồi thử lại.</translation>
    </message>
    <message>
        <source>The password is not correct. Check it and try again.</source>
        <translation>Mật khẩu không đúng. Hãy kiểm tra và nhập lại.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <source>This account already has its keys on this computer.</source>
        <translation>Tài khoản này đã có khóa trên máy tính này.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the keys. Close other programs and try again.</source>
        <translation>Không đủ bộ nhớ để bảo vệ các khóa. Hãy đóng bớt các chương trình khác rồi thử lại.</translation>
    </message>
    <message>
        <source>No keychain is set up.</source>
        <translation>Chưa thiết lập kho khóa nào.</translation>
    </message>
    <message numerus="yes">
        <source>You have not signed in online for more than %n day(s), the longest this computer may be used offline. Connect to the internet and sign in online.</source>
        <translation>
            <numerusform>Bạn đã không đăng nhập trực tuyến quá %n ngày, thời gian tối đa được phép dùng máy tính này khi không có mạng. Hãy kết nối Internet và đăng nhập trực tuyến.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a new password.</source>
        <translation>Hãy nhập mật khẩu mới.</translation>
    </message>
</context>
<context>
    <name>mts::AccountSession</name>
    <message>
        <source>That is not your account&apos;s password. Type the password you use to sign in.</source>
        <translation>Đây không phải mật khẩu của tài khoản. Hãy nhập mật khẩu bạn dùng để đăng nhập.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Wait a few minutes, then try again.</source>
        <translation>Đã nhập sai mật khẩu quá nhiều lần. Hãy chờ vài phút rồi thử lại.</translation>
    </message>
    <message>
        <source>The server could not check the password. Try again when the connection is back.</source>
        <translation>Máy chủ không kiểm tra được mật khẩu. Hãy thử lại khi có kết nối mạng.</translation>
    </message>
    <message>
        <source>This account has never signed in on this computer. Connect to the network and sign in online first.</source>
        <translation>Tài khoản này chưa từng đăng nhập trên máy tính này. Hãy kết nối mạng và đăng nhập trực tuyến trước.</translation>
    </message>
</context>
<context>
    <name>mts::CertificateTrustDialog</name>
    <message>
        <source>Trust the server&apos;s certificate?</source>
        <translation>Tin cậy chứng chỉ của máy chủ?</translation>
    </message>
    <message>
        <source>Trust certificate</source>
        <translation>Tin cậy chứng chỉ</translation>
    </message>
    <message>
        <source>The server at %1 presented a security certificate that this computer does not trust. This is normal for a server that your unit runs itself.</source>
        <translation>Máy chủ tại %1 đã gửi một chứng chỉ bảo mật mà máy tính này chưa tin cậy. Điều này là bình thường với máy chủ do chính đơn vị của bạn vận hành.</translation>
    </message>
    <message>
        <source>Compare the SHA-256 fingerprint above with the one your administrator gave you. Trust the certificate only if every character matches; otherwise choose Cancel and tell your administrator, because someone may be intercepting the connection.</source>
        <translation>Hãy so sánh dấu vân tay SHA-256 ở trên với dấu vân tay mà quản trị viên đã cung cấp cho bạn. Chỉ tin cậy chứng chỉ khi mọi ký tự đều khớp; nếu không, hãy chọn Hủy và báo cho quản trị viên, vì có thể có người đang can thiệp vào kết nối.</translation>
    </message>
    <message>
        <source>This certificate has expired or is not valid yet, so it cannot be trusted. Check this computer&apos;s date and time, or ask your administrator to renew the server&apos;s certificate.</source>
        <translation>Chứng chỉ này đã hết hạn hoặc chưa có hiệu lực nên không thể tin cậy. Hãy kiểm tra ngày giờ của máy tính này, hoặc đề nghị quản trị viên gia hạn chứng chỉ của máy chủ.</translation>
    </message>
</context>
<context>
    <name>mts::CertificateView</name>
    <message>
        <source>Issued to:</source>
        <translation>Cấp cho:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Cấp bởi:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Có hiệu lực từ:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Có hiệu lực đến:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Dấu vân tay SHA-256:</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(không có tên)</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1 (tự ký)</translation>
    </message>
</context>
<context>
    <name>mts::ImportDialog</name>
    <message>
        <source>Import from a CSV file: %1</source>
        <translation>Nhập từ tệp CSV: %1</translation>
    </message>
    <message>
        <source>&amp;Choose a file…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <source>The file&apos;s first rows; the lists in the first row say which field each column fills</source>
        <translation>Các dòng đầu của tệp; danh sách ở hàng đầu cho biết mỗi cột được nhập vào trường nào</translation>
    </message>
    <message>
        <source>Problems found in the file</source>
        <translation>Các lỗi tìm thấy trong tệp</translation>
    </message>
    <message>
        <source>Import &amp;only the valid rows</source>
        <translation>Chỉ nhập các dòng &amp;hợp lệ</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Choose the list to import</source>
        <translation>Chọn danh sách cần nhập</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>Tệp CSV (*.csv *.txt)</translation>
    </message>
    <message>
        <source>The file %1 cannot be opened: %2.</source>
        <translation>Không mở được tệp %1: %2.</translation>
    </message>
    <message>
        <source>The file %1 holds no rows.</source>
        <translation>Tệp %1 không có dòng nào.</translation>
    </message>
    <message>
        <source>The file %1 is not a CSV file in UTF-8 (%2). In Excel, save it again as &quot;CSV UTF-8 (comma delimited)&quot;.</source>
        <translation>Tệp %1 không phải tệp CSV dạng UTF-8 (%2). Trong Excel, hãy lưu lại dưới dạng &quot;CSV UTF-8 (comma delimited)&quot;.</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>(không nhập)</translation>
    </message>
    <message>
        <source>Line %1, %2: %3</source>
        <translation>Dòng %1, %2: %3</translation>
    </message>
    <message>
        <source>%1 rows, all valid.</source>
        <translation>%1 dòng, tất cả đều hợp lệ.</translation>
    </message>
    <message>
        <source>%1 rows: %2 valid, %3 with problems (listed below). Correct the file and choose it again, or import only the valid rows.</source>
        <translation>%1 dòng: %2 hợp lệ, %3 có lỗi (liệt kê bên dưới). Hãy sửa tệp rồi chọn lại, hoặc chỉ nhập các dòng hợp lệ.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Importing %1 records…</source>
        <translation>Đang nhập %1 bản ghi…</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>Đã hủy nhập: chưa có bản ghi nào được nhập.</translation>
    </message>
    <message>
        <source>The import failed: %1. Nothing was imported; try again.</source>
        <translation>Nhập không thành công: %1. Chưa có bản ghi nào được nhập; hãy thử lại.</translation>
    </message>
    <message>
        <source>%1 records imported. They are sent to the server at the next sync.</source>
        <translation>Đã nhập %1 bản ghi. Chúng sẽ được gửi lên máy chủ ở lần đồng bộ tiếp theo.</translation>
    </message>
    <message>
        <source>Save the list from Excel as &quot;CSV UTF-8&quot;. The line with the column titles is found below the list&apos;s own title; choose another one below if needed.</source>
        <translation>Lưu danh sách từ Excel dưới dạng &quot;CSV UTF-8&quot;. Dòng tiêu đề cột được tìm tự động, bên dưới tên của danh sách; nếu chưa đúng, hãy chọn dòng khác ở dưới.</translation>
    </message>
    <message>
        <source>Column titles on &amp;line:</source>
        <translation>&amp;Dòng tiêu đề cột:</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Dòng %1: %2</translation>
    </message>
    <message>
        <source>Full name (split into surname, middle name, given name)</source>
        <translation>Họ và tên (tách thành họ, tên đệm, tên)</translation>
    </message>
</context>
<context>
    <name>mts::MainWindow</name>
    <message>
        <source>Applications</source>
        <translation>Các ứng dụng</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Feedback and petitions</source>
        <translation>Phản ánh kiến nghị</translation>
    </message>
    <message>
        <source>Citizens&apos; feedback and petitions from every channel: receiving, classifying, forwarding to the competent body, following up, answering the citizen, with deadlines for each step.</source>
        <translation>Phản ánh, kiến nghị của người dân từ mọi kênh: tiếp nhận, phân loại, chuyển đến cơ quan có thẩm quyền, theo dõi, trả lời người dân, với thời hạn cho từng bước.</translation>
    </message>
    <message>
        <source>Digital library</source>
        <translation>Thư viện số</translation>
    </message>
    <message>
        <source>Legal documents, guidance and forms for the Front&apos;s work, searchable even without a connection.</source>
        <translation>Văn bản pháp luật, tài liệu hướng dẫn và biểu mẫu phục vụ công tác Mặt trận, tra cứu được cả khi không có kết nối mạng.</translation>
    </message>
    <message>
        <source>Virtual assistant</source>
        <translation>Trợ lý ảo</translation>
    </message>
    <message>
        <source>Answers drawn from the digital library with their sources, and drafts of reports and letters filled in with your unit&apos;s data.</source>
        <translation>Câu trả lời lấy từ thư viện số kèm nguồn trích dẫn, và bản thảo báo cáo, công văn được điền sẵn số liệu của đơn vị bạn.</translation>
    </message>
    <message>
        <source>Congresses</source>
        <translation>Đại hội</translation>
    </message>
    <message>
        <source>The progress and results of the Front&apos;s congresses in each unit, with summaries for the province and the centre.</source>
        <translation>Tiến độ và kết quả đại hội Mặt trận ở từng đơn vị, có tổng hợp cho cấp tỉnh và Trung ương.</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Đối soát</translation>
    </message>
    <message>
        <source>For provincial staff: how each commune&apos;s data is syncing, conflicting changes to review, and records entered twice in different communes.</source>
        <translation>Dành cho cán bộ cấp tỉnh: tình hình đồng bộ dữ liệu của từng xã, các thay đổi xung đột cần xem xét, và những hồ sơ bị nhập trùng ở các xã khác nhau.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Chưa đăng nhập</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Pending sync: %1</source>
        <translation>Chờ đồng bộ: %1</translation>
    </message>
    <message>
        <source>Changes made on this computer that have not been sent to the server yet.</source>
        <translation>Các thay đổi trên máy tính này chưa được gửi lên máy chủ.</translation>
    </message>
    <message>
        <source>Server: checking…</source>
        <translation>Máy chủ: đang kiểm tra…</translation>
    </message>
    <message>
        <source>Server: connected</source>
        <translation>Máy chủ: đã kết nối</translation>
    </message>
    <message>
        <source>Server: certificate not trusted</source>
        <translation>Máy chủ: chứng chỉ chưa được tin cậy</translation>
    </message>
    <message>
        <source>Server: this program needs an update</source>
        <translation>Máy chủ: cần cập nhật chương trình</translation>
    </message>
    <message>
        <source>Server: address not valid</source>
        <translation>Máy chủ: địa chỉ không hợp lệ</translation>
    </message>
    <message>
        <source>Server: cannot connect</source>
        <translation>Máy chủ: không kết nối được</translation>
    </message>
    <message>
        <source>No system keychain was found on this computer. Your sign-in secrets are kept in an encrypted file protected by your password instead; there is nothing you need to do.</source>
        <translation>Không tìm thấy kho khóa (keychain) của hệ thống trên máy tính này. Thông tin bí mật của phiên đăng nhập được lưu trong một tệp đã mã hóa, bảo vệ bằng mật khẩu của bạn; bạn không cần làm gì thêm.</translation>
    </message>
    <message>
        <source>OK, I understand</source>
        <translation>Đã hiểu</translation>
    </message>
    <message>
        <source>Back to sign-in</source>
        <translation>Quay lại đăng nhập</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Khóa</translation>
    </message>
    <message>
        <source>Hide your work until you type your password again (%1)</source>
        <translation>Ẩn nội dung làm việc cho đến khi bạn nhập lại mật khẩu (%1)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>End your session on this computer, so that someone else can sign in</source>
        <translation>Kết thúc phiên làm việc trên máy tính này để người khác có thể đăng nhập</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>Đăng nhập: %1</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2, %3)</source>
        <translation>Đăng nhập: %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Locked: %1</source>
        <translation>Đã khóa: %1</translation>
    </message>
    <message>
        <source>The new server address is used after you sign out.</source>
        <translation>Địa chỉ máy chủ mới sẽ được dùng sau khi bạn đăng xuất.</translation>
    </message>
    <message>
        <source>A&amp;ccount</source>
        <translation>&amp;Tài khoản</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Đồng &amp;bộ ngay</translation>
    </message>
    <message>
        <source>Send your changes to the server and receive the others&apos; now (%1)</source>
        <translation>Gửi các thay đổi của bạn lên máy chủ và nhận thay đổi của người khác ngay bây giờ (%1)</translation>
    </message>
    <message>
        <source>Your data on this computer cannot be opened: %1. Tell your administrator; do not delete the folder %2.</source>
        <translation>Không mở được dữ liệu trên máy tính này: %1. Hãy báo quản trị viên; đừng xóa thư mục %2.</translation>
    </message>
    <message>
        <source>Syncing: %1 of %2</source>
        <translation>Đang đồng bộ: %1/%2</translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>Đã đồng bộ lúc %1</translation>
    </message>
    <message>
        <source>Registries</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <source>Changes held back</source>
        <translation>Thay đổi bị giữ lại</translation>
    </message>
    <message>
        <source>Changes held back (%1)</source>
        <translation>Thay đổi bị giữ lại (%1)</translation>
    </message>
    <message>
        <source>Periodic reports</source>
        <translation>Báo cáo định kỳ</translation>
    </message>
</context>
<context>
    <name>mts::ModulePage</name>
    <message>
        <source>This part is not available in this version yet.</source>
        <translation>Phần này chưa có trong phiên bản này.</translation>
    </message>
</context>
<context>
    <name>mts::OidcClient</name>
    <message>
        <source>Cannot reach the server to sign in. Check the connection; you can keep working offline with your password.</source>
        <translation>Không kết nối được tới máy chủ để đăng nhập. Hãy kiểm tra kết nối mạng; bạn vẫn có thể làm việc khi không có mạng bằng mật khẩu của mình.</translation>
    </message>
    <message>
        <source>The server could not sign you in right now. Try again in a few minutes.</source>
        <translation>Hiện máy chủ chưa đăng nhập được cho bạn. Hãy thử lại sau vài phút.</translation>
    </message>
    <message>
        <source>Your sign-in has ended. Sign in again with your user name and password.</source>
        <translation>Phiên đăng nhập của bạn đã kết thúc. Hãy đăng nhập lại bằng tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the sign-in could not be understood. Tell your administrator.</source>
        <translation>Không hiểu được phản hồi của máy chủ cho yêu cầu đăng nhập. Hãy báo cho quản trị viên.</translation>
    </message>
    <message>
        <source>The server announces another sign-in address (%1). Check the server address in Settings.</source>
        <translation>Máy chủ thông báo một địa chỉ đăng nhập khác (%1). Hãy kiểm tra địa chỉ máy chủ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>The server&apos;s sign-in description is not valid.</source>
        <translation>Thông tin mô tả cách đăng nhập của máy chủ không hợp lệ.</translation>
    </message>
    <message>
        <source>Cannot start the sign-in on this computer (no local port).</source>
        <translation>Không bắt đầu đăng nhập được trên máy tính này (không có cổng cục bộ nào dùng được).</translation>
    </message>
    <message>
        <source>The sign-in was not completed in the browser in time. Start it again.</source>
        <translation>Việc đăng nhập trên trình duyệt không hoàn tất kịp thời. Hãy bắt đầu lại.</translation>
    </message>
    <message>
        <source>The sign-in answer came from another server. Try again.</source>
        <translation>Phản hồi đăng nhập đến từ một máy chủ khác. Hãy thử lại.</translation>
    </message>
    <message>
        <source>The server refused the sign-in (%1). Try again or ask your administrator.</source>
        <translation>Máy chủ đã từ chối đăng nhập (%1). Hãy thử lại hoặc hỏi quản trị viên.</translation>
    </message>
    <message>
        <source>The server&apos;s sign-in answer is not valid. Try again.</source>
        <translation>Phản hồi đăng nhập của máy chủ không hợp lệ. Hãy thử lại.</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Đã hủy đăng nhập.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid.</source>
        <translation>Phản hồi của máy chủ không hợp lệ.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator.</source>
        <translation>Tài khoản này đã bị khóa. Hãy liên hệ cán bộ quản trị.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Tên đăng nhập hoặc mật khẩu không đúng.</translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a few minutes, then try again.</source>
        <translation>Đã đăng nhập sai quá nhiều lần. Hãy chờ vài phút rồi thử lại.</translation>
    </message>
</context>
<context>
    <name>mts::RecordFormDialog</name>
    <message>
        <source>New record: %1</source>
        <translation>Thêm mới: %1</translation>
    </message>
    <message>
        <source>Edit record: %1</source>
        <translation>Sửa: %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Correct the fields marked below, then save again.</source>
        <translation>Hãy sửa các trường được đánh dấu bên dưới rồi lưu lại.</translation>
    </message>
    <message>
        <source>Check the warnings below. Save again to keep the record as it is.</source>
        <translation>Hãy xem các cảnh báo bên dưới. Bấm Lưu lần nữa để giữ nguyên như đã nhập.</translation>
    </message>
    <message>
        <source>The record could not be saved: %1. Nothing was changed; try again, and if it keeps failing, tell your administrator.</source>
        <translation>Không lưu được bản ghi: %1. Chưa có gì thay đổi; hãy thử lại, nếu vẫn lỗi hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>Fix and send again: %1</source>
        <translation>Sửa và gửi lại: %1</translation>
    </message>
    <message>
        <source>The changes could not be sent again: %1. They stay set aside; try again, and if it keeps failing, tell your administrator.</source>
        <translation>Không gửi lại được các thay đổi: %1. Chúng vẫn được giữ lại; hãy thử lại, nếu vẫn lỗi hãy báo quản trị viên.</translation>
    </message>
</context>
<context>
    <name>mts::RecordListModel</name>
    <message>
        <source>Synced</source>
        <translation>Đã đồng bộ</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <source>Set aside: %1</source>
        <translation>Bị giữ lại: %1</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
</context>
<context>
    <name>mts::ReferenceEdit</name>
    <message>
        <source>Type a few letters of the name, then choose from the list</source>
        <translation>Gõ vài chữ của tên, rồi chọn trong danh sách</translation>
    </message>
    <message>
        <source>Matching records: %1</source>
        <translation>Bản ghi phù hợp: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>… %n more: type more of the name</source>
        <translation>
            <numerusform>… còn %n bản ghi nữa: hãy gõ thêm chữ của tên</numerusform>
        </translation>
    </message>
    <message>
        <source>No record matches &quot;%1&quot;</source>
        <translation>Không có bản ghi nào khớp với &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>mts::RegistriesPage</name>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <source>Search by name, address… (with or without diacritics)</source>
        <translation>Tìm theo tên, địa chỉ… (gõ có dấu hoặc không dấu)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Lọc</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Thêm</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Bản ghi</translation>
    </message>
    <message>
        <source>The list cannot be read: %1</source>
        <translation>Không đọc được danh sách: %1</translation>
    </message>
    <message>
        <source>%1: all</source>
        <translation>%1: tất cả</translation>
    </message>
    <message>
        <source>Sign in to see the registries.</source>
        <translation>Hãy đăng nhập để xem các danh mục.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n bản ghi</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>Xóa bản ghi</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot;? The deletion is sent to the server at the next sync.</source>
        <translation>Xóa “%1”? Việc xóa sẽ được gửi lên máy chủ ở lần đồng bộ tiếp theo.</translation>
    </message>
    <message>
        <source>The record could not be deleted: %1</source>
        <translation>Không xóa được bản ghi: %1</translation>
    </message>
    <message>
        <source>I&amp;mport…</source>
        <translation>N&amp;hập từ tệp…</translation>
    </message>
    <message>
        <source>Add records from a list saved from Excel as CSV</source>
        <translation>Thêm bản ghi từ danh sách lưu từ Excel dạng CSV</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>X&amp;uất ra tệp…</translation>
    </message>
    <message>
        <source>Save the records shown to a CSV file that Excel opens</source>
        <translation>Lưu các bản ghi đang hiển thị ra tệp CSV mở được bằng Excel</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>Xuất danh sách</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2. Choose another folder and try again.</source>
        <translation>Không ghi được tệp %1: %2. Hãy chọn thư mục khác rồi thử lại.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) exported to %1. The file shows citizen IDs and phone numbers in clear: keep it safe.</source>
        <translation>
            <numerusform>Đã xuất %n bản ghi ra %1. Tệp này chứa số định danh cá nhân và số điện thoại không mã hóa: hãy giữ cẩn thận.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: yes</source>
        <translation>%1: có</translation>
    </message>
    <message>
        <source>%1: no</source>
        <translation>%1: không</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Xóa…</translation>
    </message>
    <message>
        <source>Sort by &quot;%1&quot;, &amp;ascending</source>
        <translation>Sắp xếp theo &quot;%1&quot;, &amp;tăng dần</translation>
    </message>
    <message>
        <source>Sort by &quot;%1&quot;, de&amp;scending</source>
        <translation>Sắp xếp theo &quot;%1&quot;, &amp;giảm dần</translation>
    </message>
    <message>
        <source>&amp;Usual order (by name)</source>
        <translation>&amp;Về thứ tự thường (theo tên)</translation>
    </message>
</context>
<context>
    <name>mts::ReportsPage</name>
    <message>
        <source>FATHERLAND FRONT COMMITTEE</source>
        <translation>ỦY BAN MTTQ VIỆT NAM</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>REPORT</source>
        <translation>BÁO CÁO</translation>
    </message>
    <message>
        <source>On the Front&apos;s work, %1</source>
        <translation>Kết quả công tác Mặt trận, %1</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Số liệu</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Nơi nhận:</translation>
    </message>
    <message>
        <source>The provincial Front committee</source>
        <translation>Ban Thường trực Ủy ban MTTQ tỉnh</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>Lưu VT</translation>
    </message>
    <message>
        <source>ON BEHALF OF THE STANDING BOARD</source>
        <translation>TM. BAN THƯỜNG TRỰC</translation>
    </message>
    <message>
        <source>CHAIR</source>
        <translation>CHỦ TỊCH</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <source>&amp;Draft the report</source>
        <translation>&amp;Lập báo cáo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <source>&amp;Recompute the figures</source>
        <translation>Tính lạ&amp;i số liệu</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Gửi lên cấp trên</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Tiếp nhận</translation>
    </message>
    <message>
        <source>Re&amp;turn…</source>
        <translation>T&amp;rả lại…</translation>
    </message>
    <message>
        <source>&amp;PDF…</source>
        <translation>Xuất &amp;PDF…</translation>
    </message>
    <message>
        <source>Return the report</source>
        <translation>Trả lại báo cáo</translation>
    </message>
    <message>
        <source>Why is it returned? The commune reads this.</source>
        <translation>Vì sao trả lại? Xã sẽ đọc nội dung này.</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Lưu báo cáo dạng PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a period: write a month as 2026-11 or a week as 2026-W48.</source>
        <translation>“%1” không phải kỳ báo cáo: viết tháng dạng 2026-11 hoặc tuần dạng 2026-W48.</translation>
    </message>
    <message>
        <source>The figures cannot be computed: %1</source>
        <translation>Không tính được số liệu: %1</translation>
    </message>
    <message>
        <source>The report of %1 exists already: open it to edit it.</source>
        <translation>Báo cáo %1 đã có: hãy mở để sửa.</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>Không lưu được báo cáo: %1</translation>
    </message>
    <message>
        <source>Report drafted with the figures of the registries. Add the narrative, then the Front chair submits it.</source>
        <translation>Đã lập báo cáo với số liệu từ các danh mục. Hãy bổ sung phần nội dung, sau đó Chủ tịch Ủy ban MTTQ gửi lên cấp trên.</translation>
    </message>
    <message>
        <source>The figures could not be computed again.</source>
        <translation>Không tính lại được số liệu.</translation>
    </message>
    <message>
        <source>Figures computed again from the registries.</source>
        <translation>Đã tính lại số liệu từ các danh mục.</translation>
    </message>
    <message>
        <source>You cannot do that with this report.</source>
        <translation>Bạn không thể thực hiện thao tác này với báo cáo.</translation>
    </message>
    <message>
        <source>Say why the report is returned: the commune needs it to correct the report.</source>
        <translation>Hãy ghi lý do trả lại: xã cần biết để sửa báo cáo.</translation>
    </message>
    <message>
        <source>The report could not be changed: %1</source>
        <translation>Không thay đổi được báo cáo: %1</translation>
    </message>
    <message>
        <source>Done. The change goes to the server at the next sync.</source>
        <translation>Đã xong. Thay đổi sẽ được gửi lên máy chủ ở lần đồng bộ tiếp theo.</translation>
    </message>
    <message>
        <source>Report %1</source>
        <translation>Báo cáo %1</translation>
    </message>
    <message>
        <source>The file %1 could not be written. Choose another folder and try again.</source>
        <translation>Không ghi được tệp %1. Hãy chọn thư mục khác rồi thử lại.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Đã lưu vào %1.</translation>
    </message>
    <message>
        <source>Commune %1</source>
        <translation>Xã %1</translation>
    </message>
    <message>
        <source>Province %1</source>
        <translation>Tỉnh %1</translation>
    </message>
    <message>
        <source>The Standing Board of the Central Committee</source>
        <translation>Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam</translation>
    </message>
    <message>
        <source>Reports of the communes for the period</source>
        <translation>Báo cáo của các xã, phường trong kỳ</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel (CSV)…</source>
        <translation>Xuất &amp;Excel (CSV)…</translation>
    </message>
    <message>
        <source>Province re&amp;port (PDF)…</source>
        <translation>Báo cáo tổng &amp;hợp (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Danh sách báo cáo</translation>
    </message>
    <message>
        <source>Period &amp;overview</source>
        <translation>Tổng hợp the&amp;o kỳ</translation>
    </message>
    <message>
        <source>Export the overview</source>
        <translation>Xuất bảng tổng hợp</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save the province report as PDF</source>
        <translation>Lưu báo cáo tổng hợp thành tệp PDF</translation>
    </message>
    <message>
        <source>No report</source>
        <translation>Chưa có báo cáo</translation>
    </message>
    <message>
        <source>Being drafted, not submitted</source>
        <translation>Đang soạn, chưa gửi</translation>
    </message>
    <message>
        <source>Returned, not submitted again</source>
        <translation>Bị trả lại, chưa gửi lại</translation>
    </message>
    <message>
        <source>Submitted, waiting for you</source>
        <translation>Đã gửi, chờ tiếp nhận</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <source>The reports cannot be read: %1</source>
        <translation>Không đọc được các báo cáo: %1</translation>
    </message>
    <message>
        <source>The list of the province&apos;s communes is not on this computer yet. Sync (F5) while connected to the internet, then look again.</source>
        <translation>Danh sách xã, phường của tỉnh chưa có trên máy này. Hãy đồng bộ (F5) khi có mạng Internet rồi xem lại.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Báo cáo</translation>
    </message>
    <message numerus="yes">
        <source>Province total (%n report(s) sent)</source>
        <translation>
            <numerusform>Tổng cộng toàn tỉnh (%n báo cáo đã gửi)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n commune(s) sent the report of %1.</source>
        <translation>
            <numerusform>Cả %n xã, phường đã gửi báo cáo kỳ %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n commune(s) sent the report of %2. Not sent yet: %3.</source>
        <translation>
            <numerusform>%1 trên %n xã, phường đã gửi báo cáo kỳ %2. Chưa gửi: %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2. Choose another folder and try again.</source>
        <translation>Không ghi được tệp %1: %2. Hãy chọn thư mục khác rồi thử lại.</translation>
    </message>
    <message numerus="yes">
        <source>Compiled from the reports of %n commune(s).</source>
        <translation>
            <numerusform>Tổng hợp từ báo cáo của %n xã, phường.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not reported yet: %1.</source>
        <translation>Chưa báo cáo: %1.</translation>
    </message>
</context>
<context>
    <name>mts::ServerProbe</name>
    <message>
        <source>The server&apos;s security certificate is not trusted by this computer. If this is your unit&apos;s server, compare its fingerprint with the one your administrator gave you and choose to trust it in Settings.</source>
        <translation>Chứng chỉ bảo mật của máy chủ chưa được máy tính này tin cậy. Nếu đây là máy chủ của đơn vị bạn, hãy so sánh dấu vân tay của chứng chỉ với dấu vân tay mà quản trị viên đã cung cấp, rồi chọn tin cậy chứng chỉ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be made (the certificate does not match the address or has expired). Check the server address, the computer&apos;s date and time, or contact your administrator.</source>
        <translation>Không thiết lập được kết nối bảo mật tới máy chủ (chứng chỉ không khớp với địa chỉ hoặc đã hết hạn). Hãy kiểm tra địa chỉ máy chủ, ngày giờ của máy tính, hoặc liên hệ quản trị viên.</translation>
    </message>
    <message>
        <source>The server did not answer in time. The connection may be slow or down; your work is kept on this computer and will be sent when the connection returns.</source>
        <translation>Máy chủ không trả lời kịp thời. Kết nối có thể chậm hoặc bị gián đoạn; công việc của bạn vẫn được lưu trên máy tính này và sẽ được gửi đi khi có kết nối trở lại.</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the network connection and the server address; you can keep working offline.</source>
        <translation>Không kết nối được tới máy chủ. Hãy kiểm tra kết nối mạng và địa chỉ máy chủ; bạn vẫn có thể tiếp tục làm việc khi không có mạng.</translation>
    </message>
    <message>
        <source>The server is running but cannot serve requests right now. Try again later or tell your administrator.</source>
        <translation>Máy chủ đang chạy nhưng hiện không phục vụ được yêu cầu. Hãy thử lại sau hoặc báo cho quản trị viên.</translation>
    </message>
    <message>
        <source>The address answers, but not as a Mặt trận số server (HTTP %1). Check the server address in Settings.</source>
        <translation>Địa chỉ này có phản hồi nhưng không phải là máy chủ Mặt trận số (HTTP %1). Hãy kiểm tra địa chỉ máy chủ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>The address answers, but not as a Mặt trận số server. Check the server address in Settings.</source>
        <translation>Địa chỉ này có phản hồi nhưng không phải là máy chủ Mặt trận số. Hãy kiểm tra địa chỉ máy chủ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>The server sent an answer this program cannot read. Check the server address in Settings.</source>
        <translation>Máy chủ gửi về một phản hồi mà chương trình này không đọc được. Hãy kiểm tra địa chỉ máy chủ trong phần Cài đặt.</translation>
    </message>
    <message>
        <source>The server needs a newer version of this program (at least %1). Install the update your administrator provides; your unsent work is kept.</source>
        <translation>Máy chủ yêu cầu phiên bản mới hơn của chương trình này (tối thiểu %1). Hãy cài bản cập nhật do quản trị viên cung cấp; những công việc chưa gửi vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <source>Connected to the server (version %1).</source>
        <translation>Đã kết nối tới máy chủ (phiên bản %1).</translation>
    </message>
</context>
<context>
    <name>mts::ServerUrl</name>
    <message>
        <source>Enter the server address, for example https://mattranso.example.vn.</source>
        <translation>Hãy nhập địa chỉ máy chủ, ví dụ https://mattranso.example.vn.</translation>
    </message>
    <message>
        <source>The server address must start with https:// so that the connection is encrypted, for example https://mattranso.example.vn.</source>
        <translation>Địa chỉ máy chủ phải bắt đầu bằng https:// để kết nối được mã hóa, ví dụ https://mattranso.example.vn.</translation>
    </message>
    <message>
        <source>This is not a valid server address. Write https:// followed by the server&apos;s name or IP address, for example https://mattranso.example.vn or https://192.168.1.10:8443.</source>
        <translation>Đây không phải là địa chỉ máy chủ hợp lệ. Hãy viết https:// rồi đến tên hoặc địa chỉ IP của máy chủ, ví dụ https://mattranso.example.vn hoặc https://192.168.1.10:8443.</translation>
    </message>
</context>
<context>
    <name>mts::SetAsidePage</name>
    <message>
        <source>new record</source>
        <translation>bản ghi mới</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>chỉnh sửa</translation>
    </message>
    <message>
        <source>deletion</source>
        <translation>xóa</translation>
    </message>
    <message>
        <source>restoration</source>
        <translation>khôi phục</translation>
    </message>
    <message>
        <source>move</source>
        <translation>chuyển đơn vị</translation>
    </message>
    <message>
        <source>status change</source>
        <translation>đổi trạng thái</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(chưa có tên)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Bản ghi</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <source>Why it is held back</source>
        <translation>Lý do bị giữ lại</translation>
    </message>
    <message>
        <source>Changes held back</source>
        <translation>Thay đổi bị giữ lại</translation>
    </message>
    <message>
        <source>&amp;Fix and send again</source>
        <translation>&amp;Sửa và gửi lại</translation>
    </message>
    <message>
        <source>Save to a &amp;file…</source>
        <translation>Lưu ra &amp;tệp…</translation>
    </message>
    <message>
        <source>Save the changes held back</source>
        <translation>Lưu các thay đổi bị giữ lại</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Tệp JSON (*.json)</translation>
    </message>
    <message>
        <source>The changes held back cannot be read: %1</source>
        <translation>Không đọc được các thay đổi bị giữ lại: %1</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 bị từ chối: %2</translation>
    </message>
    <message>
        <source>%1 waiting: %2</source>
        <translation>%1 đang chờ: %2</translation>
    </message>
    <message>
        <source>No change is held back: everything made on this computer goes to the server at the next sync.</source>
        <translation>Không có thay đổi nào bị giữ lại: mọi thay đổi trên máy tính này sẽ được gửi lên máy chủ ở lần đồng bộ tiếp theo.</translation>
    </message>
    <message>
        <source>These changes were not accepted by the server, or wait for one that was not. Fix each record and send it again; the other records sync as usual.</source>
        <translation>Máy chủ chưa nhận các thay đổi này, hoặc chúng đang chờ một thay đổi chưa được nhận. Hãy sửa từng bản ghi rồi gửi lại; các bản ghi khác vẫn đồng bộ bình thường.</translation>
    </message>
    <message>
        <source>The file %1 could not be written: %2. Choose another folder and try again.</source>
        <translation>Không ghi được tệp %1: %2. Hãy chọn thư mục khác rồi thử lại.</translation>
    </message>
    <message>
        <source>Saved to %1. The file shows citizen IDs and phone numbers in clear: keep it safe.</source>
        <translation>Đã lưu vào %1. Tệp này chứa số định danh cá nhân và số điện thoại không mã hóa: hãy giữ cẩn thận.</translation>
    </message>
</context>
<context>
    <name>mts::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>Đị&amp;a chỉ máy chủ:</translation>
    </message>
    <message>
        <source>Trusted certificate</source>
        <translation>Chứng chỉ được tin cậy</translation>
    </message>
    <message>
        <source>None. The server&apos;s certificate must then be signed by an authority this computer trusts.</source>
        <translation>Chưa có. Khi đó, chứng chỉ của máy chủ phải được ký bởi một tổ chức cấp chứng chỉ mà máy tính này tin cậy.</translation>
    </message>
    <message>
        <source>Forget this certificate</source>
        <translation>Bỏ tin cậy chứng chỉ này</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>&amp;Ngôn ngữ giao diện:</translation>
    </message>
    <message>
        <source>A new language applies the next time the program starts.</source>
        <translation>Ngôn ngữ mới được áp dụng từ lần mở chương trình sau.</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>Đang kiểm tra kết nối…</translation>
    </message>
    <message>
        <source>The certificate is no longer trusted.</source>
        <translation>Chứng chỉ không còn được tin cậy.</translation>
    </message>
</context>
<context>
    <name>mts::SignInScreen</name>
    <message>
        <source>Vietnam Fatherland Front</source>
        <translation>Mặt trận Tổ quốc Việt Nam</translation>
    </message>
    <message>
        <source>Sign in to start working</source>
        <translation>Đăng nhập để bắt đầu làm việc</translation>
    </message>
    <message>
        <source>Sign in with your user name and password in the web browser. The first sign-in on this computer needs a network connection.</source>
        <translation>Đăng nhập bằng tên đăng nhập và mật khẩu trong trình duyệt web. Lần đăng nhập đầu tiên trên máy tính này cần có kết nối mạng.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>Làm việc không có mạng</translation>
    </message>
    <message>
        <source>An account that has signed in on this computer before can be unlocked with its password when there is no network.</source>
        <translation>Tài khoản đã từng đăng nhập trên máy tính này có thể mở khóa bằng mật khẩu khi không có mạng.</translation>
    </message>
    <message>
        <source>No account has signed in on this computer yet. Sign in once with a network connection first.</source>
        <translation>Chưa có tài khoản nào đăng nhập trên máy tính này. Hãy đăng nhập khi có mạng một lần trước.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Tài khoản:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>Server settings…</source>
        <translation>Cài đặt máy chủ…</translation>
    </message>
    <message>
        <source>Change the server address or the certificate this computer trusts.</source>
        <translation>Đổi địa chỉ máy chủ hoặc chứng chỉ mà máy tính này tin cậy.</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Đang đăng nhập</translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation>Địa chỉ đăng nhập</translation>
    </message>
    <message>
        <source>Open the browser again</source>
        <translation>Mở lại trình duyệt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>To protect the data kept on this computer when you work without a network, type your password once more. It is the password you have just used in the web browser.</source>
        <translation>Để bảo vệ dữ liệu lưu trên máy tính này khi làm việc không có mạng, hãy nhập lại mật khẩu một lần nữa. Đó là mật khẩu bạn vừa dùng để đăng nhập trong trình duyệt web.</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Đã khóa</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Máy chủ: %1</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Đang kết nối tới máy chủ…</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>Xin chào, %1</translation>
    </message>
    <message>
        <source>%1 is signed in. The session was locked to protect the data; type your password to go on.</source>
        <translation>%1 đang đăng nhập. Phiên làm việc đã được khóa để bảo vệ dữ liệu; hãy nhập mật khẩu để tiếp tục.</translation>
    </message>
    <message>
        <source>The web browser has opened the sign-in page. Finish signing in there, then come back here.</source>
        <translation>Trình duyệt đã mở trang đăng nhập. Hãy hoàn tất đăng nhập ở đó, rồi quay lại đây.</translation>
    </message>
    <message>
        <source>The web browser could not be opened. Copy this address into a web browser to sign in:</source>
        <translation>Không mở được trình duyệt web. Hãy chép địa chỉ dưới đây vào trình duyệt web để đăng nhập:</translation>
    </message>
    <message>
        <source>Type the password of this account.</source>
        <translation>Hãy nhập mật khẩu của tài khoản này.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Hãy nhập mật khẩu của bạn.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Đang kiểm tra mật khẩu…</translation>
    </message>
</context>
<context>
    <name>mts::SyncEngine</name>
    <message>
        <source>Another sync of this account is running (in the application or the command line). This one will start when it ends; try again later.</source>
        <translation>Một lần đồng bộ khác của tài khoản này đang chạy (trong ứng dụng hoặc dòng lệnh). Hãy thử lại sau khi lần đó kết thúc.</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Đã hủy đồng bộ.</translation>
    </message>
    <message>
        <source>The local data cannot be read: %1</source>
        <translation>Không đọc được dữ liệu trên máy: %1</translation>
    </message>
    <message>
        <source>You are not signed in online. Sign in again when the connection is back; your changes stay on this computer until then.</source>
        <translation>Bạn chưa đăng nhập trực tuyến. Hãy đăng nhập lại khi có kết nối; các thay đổi của bạn vẫn được giữ trên máy này.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload is not understood. Update the application or tell the administrator.</source>
        <translation>Không hiểu được phản hồi của máy chủ khi gửi dữ liệu. Hãy cập nhật ứng dụng hoặc báo quản trị viên.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the upload does not match what was sent: %1</source>
        <translation>Phản hồi của máy chủ không khớp với dữ liệu đã gửi: %1</translation>
    </message>
    <message>
        <source>The local data cannot be saved: %1</source>
        <translation>Không lưu được dữ liệu trên máy: %1</translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in. Sign in again; your changes stay on this computer.</source>
        <translation>Máy chủ không còn chấp nhận phiên đăng nhập của bạn. Hãy đăng nhập lại; các thay đổi vẫn được giữ trên máy này.</translation>
    </message>
    <message>
        <source>The server still refuses the time of your changes. Check the date, time and time zone of this computer.</source>
        <translation>Máy chủ vẫn từ chối thời gian của các thay đổi. Hãy kiểm tra ngày, giờ và múi giờ của máy tính này.</translation>
    </message>
    <message numerus="yes">
        <source>This computer&apos;s clock is wrong by about %n minute(s). The server&apos;s time is used for your changes; please set the date, time and time zone of this computer.</source>
        <translation>
            <numerusform>Đồng hồ của máy tính này lệch khoảng %n phút. Thời gian của máy chủ được dùng cho các thay đổi; hãy chỉnh lại ngày, giờ và múi giờ của máy tính.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused the upload (%1: %2). Tell the administrator.</source>
        <translation>Máy chủ từ chối dữ liệu gửi lên (%1: %2). Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>You are not signed in online. Sign in again when the connection is back.</source>
        <translation>Bạn chưa đăng nhập trực tuyến. Hãy đăng nhập lại khi có kết nối.</translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in. Sign in again.</source>
        <translation>Máy chủ không còn chấp nhận phiên đăng nhập của bạn. Hãy đăng nhập lại.</translation>
    </message>
    <message>
        <source>The server refused the download (%1: %2). Tell the administrator.</source>
        <translation>Máy chủ từ chối việc tải dữ liệu về (%1: %2). Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the download is not understood. Update the application or tell the administrator.</source>
        <translation>Không hiểu được phản hồi của máy chủ khi tải dữ liệu về. Hãy cập nhật ứng dụng hoặc báo quản trị viên.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Your changes stay on this computer; the next sync sends them.</source>
        <translation>Không kết nối được máy chủ (%1). Các thay đổi vẫn được giữ trên máy này và sẽ được gửi ở lần đồng bộ sau.</translation>
    </message>
    <message>
        <source>The file %1 attached to this record could not be sent (%2). Attach a smaller file or remove it from the record, then resend.</source>
        <translation>Không gửi được tệp %1 đính kèm bản ghi này (%2). Hãy đính kèm tệp nhỏ hơn hoặc gỡ tệp khỏi bản ghi, rồi gửi lại.</translation>
    </message>
    <message>
        <source>The server still lacks the file %1 attached to this record after it was sent. Tell the administrator.</source>
        <translation>Máy chủ vẫn chưa có tệp %1 đính kèm bản ghi này dù tệp đã được gửi. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The file %1 attached to this record is missing on this computer, and the server does not have it. Attach the file again (on the computer that has it) or remove it from the record, then resend.</source>
        <translation>Tệp %1 đính kèm bản ghi này không có trên máy này và máy chủ cũng chưa có. Hãy đính kèm lại tệp (trên máy có tệp) hoặc gỡ tệp khỏi bản ghi, rồi gửi lại.</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>Đã hủy tải xuống.</translation>
    </message>
    <message>
        <source>Files cannot be kept for this account on this computer. Sign in to the account again.</source>
        <translation>Không thể lưu tệp của tài khoản này trên máy này. Hãy đăng nhập lại tài khoản.</translation>
    </message>
    <message>
        <source>The record names its file wrongly, so it cannot be downloaded. Tell the administrator.</source>
        <translation>Bản ghi ghi sai mã tệp nên không tải được tệp. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>You are not signed in online. Sign in again to download this file.</source>
        <translation>Bạn chưa đăng nhập trực tuyến. Hãy đăng nhập lại để tải tệp này.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Open the file again later; what was downloaded is kept.</source>
        <translation>Không kết nối được máy chủ (%1). Hãy mở lại tệp sau; phần đã tải được giữ lại.</translation>
    </message>
    <message>
        <source>The file is not on the server, or your account may not read it.</source>
        <translation>Tệp không có trên máy chủ, hoặc tài khoản của bạn không có quyền đọc tệp này.</translation>
    </message>
    <message>
        <source>The server refused the file (%1). Tell the administrator.</source>
        <translation>Máy chủ từ chối tệp (%1). Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The file cannot be saved on this computer: %1</source>
        <translation>Không lưu được tệp trên máy này: %1</translation>
    </message>
    <message>
        <source>The downloaded file does not match its fingerprint and was dropped. Try again; if it happens again, tell the administrator.</source>
        <translation>Tệp tải về không khớp với mã kiểm tra nên đã bị bỏ. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên.</translation>
    </message>
</context>
</TS>
